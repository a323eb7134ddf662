import { AppError, type ErrorDetails } from './app-error.ts';

/** The request body has a content type the route does not accept (415). */
export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, { ...details, code: details.code ?? 'unsupported_media_type', status: 415 });
    this.name = 'UnsupportedMediaTypeError';
  }
}

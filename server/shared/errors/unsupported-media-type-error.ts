import { AppError } from './app-error.ts';

/** The request body has a content type the route does not accept (415). */
export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string) {
    super('unsupported_media_type', message, { status: 415 });
    this.name = 'UnsupportedMediaTypeError';
  }
}

import { AppError, type ErrorDetails } from './app-error.ts';

/** No such resource (404). */
export class NotFoundError extends AppError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, { ...details, code: details.code ?? 'not_found', status: 404 });
    this.name = 'NotFoundError';
  }
}

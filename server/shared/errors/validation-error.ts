import { AppError, type ErrorDetails } from './app-error.ts';

/** The request is malformed or a value is out of range (400). */
export class ValidationError extends AppError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, { ...details, code: details.code ?? 'invalid_request', status: 400 });
    this.name = 'ValidationError';
  }
}

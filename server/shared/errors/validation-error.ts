import { AppError } from './app-error.ts';

/** The request is malformed or a value is out of range (400). */
export class ValidationError extends AppError {
  constructor(message: string, field?: string, code = 'invalid_request') {
    super(code, message, { status: 400, field });
    this.name = 'ValidationError';
  }
}

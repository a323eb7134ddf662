import { AppError, type ErrorDetails } from './app-error.ts';

/** The body or an uploaded file exceeds a configured size limit (413). */
export class PayloadTooLargeError extends AppError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, { ...details, code: details.code ?? 'payload_too_large', status: 413 });
    this.name = 'PayloadTooLargeError';
  }
}

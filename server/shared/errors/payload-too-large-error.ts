import { AppError } from './app-error.ts';

/** The body or an uploaded file exceeds a configured size limit (413). */
export class PayloadTooLargeError extends AppError {
  constructor(message: string, field?: string, code = 'payload_too_large') {
    super(code, message, { status: 413, field });
    this.name = 'PayloadTooLargeError';
  }
}

import { AppError, type ErrorDetails } from './app-error.ts';

/** The resource existed but was deleted or expired (410), so clients can stop polling. */
export class GoneError extends AppError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, { ...details, code: details.code ?? 'gone', status: 410 });
    this.name = 'GoneError';
  }
}

import { AppError, type ErrorDetails } from './app-error.ts';

/** Missing or wrong API key (401). */
export class UnauthorizedError extends AppError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, { ...details, code: details.code ?? 'unauthorized', status: 401 });
    this.name = 'UnauthorizedError';
  }
}

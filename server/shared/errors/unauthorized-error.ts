import { AppError } from './app-error.ts';

/** Missing or wrong API key (401). */
export class UnauthorizedError extends AppError {
  constructor(message = 'A valid API key is required: send "Authorization: Bearer <key>".') {
    super('unauthorized', message, { status: 401 });
    this.name = 'UnauthorizedError';
  }
}

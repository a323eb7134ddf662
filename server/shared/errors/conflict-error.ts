import { AppError, type ErrorDetails } from './app-error.ts';

/** The request clashes with the resource's current state (409), e.g. audio of a running job. */
export class ConflictError extends AppError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, { ...details, code: details.code ?? 'conflict', status: 409 });
    this.name = 'ConflictError';
  }
}

import { AppError } from './app-error.ts';

/** The request clashes with the resource's current state (409), e.g. audio of a running job. */
export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super(code, message, { status: 409 });
    this.name = 'ConflictError';
  }
}

import { AppError, type ErrorDetails } from './app-error.ts';

/**
 * Synthesis of a job failed. It never reaches an HTTP response directly: the job records
 * `{ code, message }` and reports FAILED, so the message is written for the user.
 */
export class SynthesisFailedError extends AppError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, { ...details, code: details.code ?? 'synthesis_failed', status: 500, expose: true });
    this.name = 'SynthesisFailedError';
  }
}

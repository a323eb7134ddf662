import { AppError } from './app-error.ts';

/**
 * Synthesis of a job failed. It never reaches an HTTP response directly: the job records
 * `{ code, message }` and reports FAILED, so the message is written for the user.
 */
export class SynthesisFailedError extends AppError {
  constructor(message: string, code = 'synthesis_failed', cause?: unknown) {
    super(code, message, { status: 500, expose: true, cause });
    this.name = 'SynthesisFailedError';
  }
}

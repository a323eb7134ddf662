import { AppError, type ErrorDetails } from './app-error.ts';

/** Too many jobs are waiting; the client should retry later (503). */
export class QueueFullError extends AppError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, { ...details, code: details.code ?? 'queue_full', status: 503, expose: true });
    this.name = 'QueueFullError';
  }
}

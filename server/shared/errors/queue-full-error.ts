import { AppError } from './app-error.ts';

/** Too many jobs are waiting; the client should retry later (503). */
export class QueueFullError extends AppError {
  constructor(limit: number) {
    super('queue_full', `The queue holds its limit of ${limit} waiting jobs; retry later.`, {
      status: 503,
      expose: true,
    });
    this.name = 'QueueFullError';
  }
}

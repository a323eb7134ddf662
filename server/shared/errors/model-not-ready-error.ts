import { AppError } from './app-error.ts';

/** The model failed to load, so work cannot be accepted (503). */
export class ModelNotReadyError extends AppError {
  constructor(message: string) {
    super('model_not_ready', message, { status: 503, expose: true });
    this.name = 'ModelNotReadyError';
  }
}

import { AppError, type ErrorDetails } from './app-error.ts';

/** The model failed to load, so work cannot be accepted (503). */
export class ModelNotReadyError extends AppError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, { ...details, code: details.code ?? 'model_not_ready', status: 503, expose: true });
    this.name = 'ModelNotReadyError';
  }
}

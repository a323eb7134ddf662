import { AppError, type ErrorDetails } from './app-error.ts';

/** An uploaded reference clip cannot be decoded or breaks the clip limits (422); the field defaults to `file`. */
export class InvalidAudioError extends AppError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, { ...details, code: details.code ?? 'invalid_audio', field: details.field ?? 'file', status: 422 });
    this.name = 'InvalidAudioError';
  }
}

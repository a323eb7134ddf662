import { AppError } from './app-error.ts';

/** An uploaded reference clip cannot be decoded or breaks the clip limits (422). */
export class InvalidAudioError extends AppError {
  constructor(message: string, code = 'invalid_audio', field = 'file') {
    super(code, message, { status: 422, field });
    this.name = 'InvalidAudioError';
  }
}

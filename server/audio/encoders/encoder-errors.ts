/**
 * Errors raised by the format encoders. They reuse the shared AppError classes (one class per
 * file lives under shared/errors/); these helpers only keep codes and wording in one place.
 */
import { AppError } from '../../shared/errors/app-error.ts';
import { ValidationError } from '../../shared/errors/validation-error.ts';

/** A format name that no encoder serves (400, names the supported ones). */
export function unsupportedFormatError(format: string, supported: readonly string[]): ValidationError {
  return new ValidationError(`unsupported audio format "${format}"; supported formats: ${supported.join(', ')}`, { code: 'unsupported_format', field: 'format' });
}

/** Nothing to encode: a zero-sample clip would give a file no player accepts (422). */
export function emptyAudioError(): AppError {
  return new AppError('cannot encode empty audio: the input has no samples', { code: 'empty_audio', status: 422 });
}

/** push()/end() after the stream was ended or aborted: a caller bug, not a client error (500). */
export function encoderClosedError(format: string, state: string): AppError {
  return new AppError(`the ${format} stream encoder is already ${state}`, { code: 'encoder_closed', status: 500 });
}

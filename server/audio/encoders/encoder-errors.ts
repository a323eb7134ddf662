/**
 * Errors raised by the format encoders. They reuse the shared AppError classes (one class per
 * file lives under shared/errors/); these helpers only keep codes and wording in one place.
 */
import { AppError, ValidationError } from '../../shared/errors/index.ts';

/** A format name that no encoder serves (400, names the supported ones). */
export function unsupportedFormatError(format: string, supported: readonly string[]): ValidationError {
  return new ValidationError(
    `unsupported audio format "${format}"; supported formats: ${supported.join(', ')}`,
    'format',
    'unsupported_format',
  );
}

/** Nothing to encode: a zero-sample clip would give a file no player accepts (422). */
export function emptyAudioError(): AppError {
  return new AppError('empty_audio', 'cannot encode empty audio: the input has no samples', { status: 422 });
}

/** push()/end() after the stream was ended or aborted: a caller bug, not a client error (500). */
export function encoderClosedError(format: string, state: string): AppError {
  return new AppError('encoder_closed', `the ${format} stream encoder is already ${state}`, { status: 500 });
}

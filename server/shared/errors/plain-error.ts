import { AppError } from './app-error.ts';
import { storageFailureCode } from './insufficient-storage-error.ts';

/** An error as it crosses a thread or process boundary: structured clone keeps only plain data. */
export interface PlainError {
  name: string;
  code: string;
  message: string;
  status?: number;
  stack?: string;
}

/** Flattens any thrown value; AbortErrors keep their name so the receiver can tell cancellation apart. */
export function toPlainError(error: unknown): PlainError {
  if (error instanceof AppError) {
    return { name: error.name, code: error.code, message: error.message, status: error.status, stack: error.stack };
  }
  if (error instanceof Error) {
    // A full disk or failing I/O keeps saying so: the receiver retries those jobs later.
    const code = error.name === 'AbortError' ? 'cancelled' : (storageFailureCode(error) ?? 'internal_error');
    return { name: error.name, code, message: error.message, stack: error.stack };
  }
  return { name: 'Error', code: 'internal_error', message: String(error) };
}

/** Rebuilds an AppError on the receiving side; the original stack is kept for the log. */
export function fromPlainError(plain: PlainError): AppError {
  const error = new AppError(plain.message, { code: plain.code, status: plain.status ?? 500, expose: true });
  error.name = plain.name;
  if (plain.stack !== undefined) error.stack = plain.stack;
  return error;
}

import { AppError, type ErrorDetails } from './app-error.ts';

/** The data directory's disk is full: nothing was stored, the client may retry later (507). */
export class InsufficientStorageError extends AppError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, { ...details, code: details.code ?? 'insufficient_storage', status: 507, expose: true });
    this.name = 'InsufficientStorageError';
  }
}

/** Codes the OS and SQLite give when a write found no room (ours included, as it crosses threads). */
const DISK_FULL_CODES: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL', 'insufficient_storage']);
/** I/O failures that say nothing about the job itself: running it again later may succeed. */
const TRANSIENT_IO_CODES: ReadonlySet<string> = new Set([...DISK_FULL_CODES, 'EIO', 'EAGAIN', 'EMFILE', 'ENFILE', 'EBUSY', 'SQLITE_IOERR', 'SQLITE_BUSY', 'storage_io_error']);
/** How deep a cause chain is followed (wrapped errors; guards against cycles). */
const MAX_CAUSE_DEPTH = 5;

function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = current.cause;
  }
  return codes;
}

/** Whether `error` (or what it wraps) is a write that found the disk full. */
export function isDiskFull(error: unknown): boolean {
  return codesOf(error).some((code) => DISK_FULL_CODES.has(code));
}

/** Whether `error` (or what it wraps) is an I/O failure worth retrying: disk full, EIO, a busy database. */
export function isTransientIo(error: unknown): boolean {
  return codesOf(error).some((code) => TRANSIENT_IO_CODES.has(code));
}

/** The code an I/O failure keeps when it crosses a thread boundary as plain data, or null for other errors. */
export function storageFailureCode(error: unknown): 'insufficient_storage' | 'storage_io_error' | null {
  if (isDiskFull(error)) return 'insufficient_storage';
  return isTransientIo(error) ? 'storage_io_error' : null;
}

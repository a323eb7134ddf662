/**
 * Base of every error the service raises on purpose. The HTTP layer renders it as
 * `{ error: { code, message, field? } }` with `status`; `expose: false` hides the message
 * from clients (it is logged instead), which is the default for 5xx errors.
 *
 * Every error class takes `(message, options)`: the sentence for people first, then what
 * clients branch on (`code`) and what it is about (`field`), so arguments cannot be swapped.
 */
export interface ErrorDetails {
  /** snake_case and stable: clients branch on it. Each class has a default. */
  code?: string;
  /** Request field the error is about (for validation errors). */
  field?: string;
  cause?: unknown;
}

export interface AppErrorOptions extends ErrorDetails {
  code: string;
  /** HTTP status the error maps to. @defaultValue 500 */
  status?: number;
  /** Whether `message` may be shown to clients. @defaultValue status < 500 */
  expose?: boolean;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly expose: boolean;
  readonly field?: string;

  constructor(message: string, options: AppErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = options.code;
    this.status = options.status ?? 500;
    this.expose = options.expose ?? this.status < 500;
    if (options.field !== undefined) this.field = options.field;
  }
}

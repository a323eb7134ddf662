/**
 * The one error renderer of the HTTP layer: any throw becomes a JSON error body with the right
 * status (`{ error: { code, message, field? } }`; the `body` option gives the /v1 routes OpenAI's shape). AppErrors
 * say what they are; errors from body parsing and multer are translated; anything else is a
 * 500 whose details stay in the log.
 */
import type { Context, Next } from 'koa';
import { AppError } from '../../shared/errors/app-error.ts';
import { InsufficientStorageError, isDiskFull } from '../../shared/errors/insufficient-storage-error.ts';
import { PayloadTooLargeError } from '../../shared/errors/payload-too-large-error.ts';
import type { Logger } from '../../shared/logger.ts';
import type { ServiceMetrics } from '../../shared/metrics.ts';

interface HttpLikeError extends Error {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: string;
  field?: string;
  expose?: boolean;
}

const MULTER_CODES: Record<string, { status: number; code: string; message: string }> = {
  LIMIT_FILE_SIZE: { status: 413, code: 'file_too_large', message: 'The uploaded file exceeds the size limit.' },
  LIMIT_FILE_COUNT: { status: 400, code: 'too_many_files', message: 'Upload exactly one file, in the field "file".' },
  LIMIT_UNEXPECTED_FILE: { status: 400, code: 'unexpected_file', message: 'Upload the clip in the form field "file".' },
  LIMIT_FIELD_COUNT: { status: 400, code: 'too_many_fields', message: 'Too many form fields.' },
  LIMIT_FIELD_VALUE: { status: 413, code: 'field_too_large', message: 'A form field is too large.' },
  LIMIT_FIELD_KEY: { status: 400, code: 'invalid_field', message: 'A form field name is too long.' },
  LIMIT_PART_COUNT: { status: 400, code: 'too_many_parts', message: 'Too many parts in the multipart body.' },
};

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const err = (error instanceof Error ? error : new Error(String(error))) as HttpLikeError;
  if (err.name === 'MulterError' && err.code !== undefined && MULTER_CODES[err.code]) {
    const known = MULTER_CODES[err.code]!;
    const field = err.field ?? 'file';
    if (known.status === 413) return new PayloadTooLargeError(known.message, { code: known.code, field });
    return new AppError(known.message, { code: known.code, status: known.status, field, cause: err });
  }
  if (err.message === 'Multipart: Boundary not found' || err.message.startsWith('Unexpected end of form')) {
    return new AppError('The multipart body is malformed or cut off.', { code: 'invalid_multipart', status: 400, cause: err });
  }
  if (isDiskFull(err)) {
    // Nothing the request asked for was stored (a 202 would promise a job that does not exist).
    return new InsufficientStorageError('The server could not store the request: its disk is full. Nothing was created; retry later.', { cause: err });
  }
  const status = err.status ?? err.statusCode;
  if (err.type === 'entity.too.large' || status === 413) {
    return new PayloadTooLargeError('The request body exceeds the size limit (CHATTERBOX_MAX_BODY_BYTES).');
  }
  if (err.type === 'entity.parse.failed' || (status === 400 && err instanceof SyntaxError)) {
    return new AppError('The request body is not valid JSON.', { code: 'invalid_json', status: 400, cause: err });
  }
  if (err.type === 'request.aborted') return new AppError('The client aborted the request.', { code: 'request_aborted', status: 400, cause: err });
  if (err.type === 'encoding.unsupported') return new AppError(err.message, { code: 'unsupported_encoding', status: 415, cause: err });
  if (status === 405) return new AppError('This method is not allowed here; the Allow header lists the ones that are.', { code: 'method_not_allowed', status, cause: err });
  if (status !== undefined && status >= 400 && status < 500) {
    return new AppError(err.expose === false ? 'Bad request.' : err.message, { code: httpCode(status), status, cause: err });
  }
  return new AppError('Internal server error.', { code: 'internal_error', status: 500, expose: false, cause: err });
}

function httpCode(status: number): string {
  const codes: Record<number, string> = { 400: 'bad_request', 404: 'not_found', 405: 'method_not_allowed', 406: 'not_acceptable', 411: 'length_required', 415: 'unsupported_media_type' };
  return codes[status] ?? 'bad_request';
}

/** The JSON body of an error response; `ctx` lets one renderer answer each API in its own shape. */
export type ErrorBody = (error: AppError, message: string, ctx?: Context) => object;

/** `{ error: { code, message, field? } }`, the shape of every route outside /v1. */
export const serviceErrorBody: ErrorBody = (error, message) => ({
  error: { code: error.code, message, ...(error.field === undefined ? {} : { field: error.field }) },
});

export interface RenderErrorsOptions {
  logger: Logger;
  metrics: ServiceMetrics;
  /** @defaultValue serviceErrorBody */
  body?: ErrorBody;
}

export function renderErrors({ logger, metrics, body = serviceErrorBody }: RenderErrorsOptions) {
  return async function renderErrorsMiddleware(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new AppError(`No route for ${ctx.method} ${ctx.path}.`, { code: 'not_found', status: 404 });
      }
    } catch (thrown) {
      // Headers already out (a stream failing mid-way): only Koa can end the response now.
      if (ctx.headerSent) throw thrown;
      const error = toAppError(thrown);
      const log = (ctx.state.logger as Logger | undefined) ?? logger;
      if (error.status >= 500) log.error({ err: error.cause ?? error, code: error.code }, 'request failed');
      metrics.httpErrors.inc({ code: error.code, status: String(error.status) });
      ctx.status = error.status;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = body(error, error.expose ? error.message : 'Internal server error.', ctx);
    }
  };
}

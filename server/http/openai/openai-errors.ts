/**
 * Errors of the /v1 routes in a shape both kinds of clients read: ours (`code`, `message`,
 * `field`) plus OpenAI's (`type`, `param`), so the official SDKs surface the real message
 * instead of a generic "400 status code (no body)".
 */
import type { Context, Next } from 'koa';
import type { Logger } from '../../shared/logger.ts';
import type { ServiceMetrics } from '../../shared/metrics.ts';
import { toAppError } from '../middleware/error-handler.ts';

const SERVER_ERROR = 500;

function openAiType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 404) return 'not_found_error';
  return status >= SERVER_ERROR ? 'server_error' : 'invalid_request_error';
}

export function openAiErrors(logger: Logger, metrics: ServiceMetrics) {
  return async function renderOpenAiErrors(ctx: Context, next: Next): Promise<void> {
    try {
      await next();
    } catch (thrown) {
      // Headers already out (a stream failing mid-way): only Koa can end the response now.
      if (ctx.headerSent) throw thrown;
      const error = toAppError(thrown);
      if (error.status >= SERVER_ERROR) logger.error({ err: error.cause ?? error, code: error.code }, 'request failed');
      metrics.httpErrors.inc({ code: error.code, status: String(error.status) });
      ctx.status = error.status;
      ctx.set('Cache-Control', 'no-store');
      const message = error.expose ? error.message : 'Internal server error.';
      const field = error.field === undefined ? {} : { field: error.field };
      ctx.body = { error: { code: error.code, message, ...field, type: openAiType(error.status), param: error.field ?? null } };
    }
  };
}

/** One log line and one latency observation per request, after the response is decided. */
import type { Context, Next } from 'koa';
import type { Logger } from '../../shared/logger.ts';
import type { ServiceMetrics } from '../../shared/metrics.ts';

const NS_PER_SECOND = 1e9;

export function accessLog(logger: Logger, metrics: ServiceMetrics) {
  return async function logRequest(ctx: Context, next: Next): Promise<void> {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / NS_PER_SECOND;
      // The matched route pattern keeps label cardinality bounded (ids are not labels).
      const route = (ctx as Context & { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
      metrics.httpRequestDuration.observe({ method: ctx.method, route: String(route), status: String(ctx.status) }, seconds);
      const log = (ctx.state.logger as Logger | undefined) ?? logger;
      log.info({ method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(seconds * 1e5) / 100 }, 'request');
    }
  };
}

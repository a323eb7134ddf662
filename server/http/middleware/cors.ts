/**
 * CORS from CHATTERBOX_CORS_ORIGINS: none configured = no CORS headers (same-origin only),
 * `*` = any origin, else an allowlist. Authorization travels as a header, not a cookie, so
 * credentials mode is never needed.
 */
import cors from '@koa/cors';
import type { Context, Middleware } from 'koa';

const EXPOSED_HEADERS = ['Location', 'Content-Disposition', 'Content-Length', 'Content-Range', 'ETag', 'X-Request-Id', 'Idempotent-Replayed'];
const PREFLIGHT_MAX_AGE_S = 600;

export function corsPolicy(origins: readonly string[]): Middleware | undefined {
  if (origins.length === 0) return undefined;
  const anyOrigin = origins.includes('*');
  return cors({
    origin: (ctx: Context) => {
      const origin = ctx.get('Origin');
      if (anyOrigin) return '*';
      return origins.includes(origin) ? origin : '';
    },
    allowMethods: ['GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id', 'Range', 'If-None-Match', 'If-Range'],
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE_S,
  });
}

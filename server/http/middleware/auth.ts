/**
 * Bearer API keys. Keys are compared as SHA-256 digests with timingSafeEqual, against every
 * configured key without stopping early, so response time says nothing about a guess.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Next } from 'koa';
import { UnauthorizedError } from '../../shared/errors/unauthorized-error.ts';

/** Paths anyone may read: probes for load balancers, the web page, the API description. */
const PUBLIC_PATHS = [/^\/health(\/.*)?$/, /^\/ui(\/.*)?$/, /^\/openapi\.json$/];

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function matchesAnyKey(presented: string, keyDigests: readonly Buffer[]): boolean {
  const candidate = digest(presented);
  let matched = false;
  for (const key of keyDigests) matched = timingSafeEqual(candidate, key) || matched;
  return matched;
}

export function bearerAuth(apiKeys: readonly string[]) {
  const keyDigests = apiKeys.map(digest);
  return async function requireApiKey(ctx: Context, next: Next): Promise<void> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(ctx.get('Authorization'));
    const authenticated = keyDigests.length === 0 || (match !== null && matchesAnyKey(match[1]!, keyDigests));
    // Public routes answer everyone, and show details (job ids, hosts) only to a key holder.
    ctx.state.authenticated = authenticated;
    if (ctx.method === 'OPTIONS' || PUBLIC_PATHS.some((path) => path.test(ctx.path))) return next();
    if (!authenticated) {
      ctx.set('WWW-Authenticate', 'Bearer realm="chatterbox"');
      throw new UnauthorizedError('A valid API key is required: send "Authorization: Bearer <key>".');
    }
    return next();
  };
}

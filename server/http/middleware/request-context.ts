/**
 * Gives each request an id (the client's X-Request-Id when it is plain, else a new one),
 * echoes it, and hangs a child logger carrying it on ctx.state for everything downstream.
 */
import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import { REQUEST_ID_PATTERN } from '../../shared/ids.ts';
import type { Logger } from '../../shared/logger.ts';

const REQUEST_ID_HEADER = 'X-Request-Id';

export function requestContext(logger: Logger) {
  return async function assignRequestId(ctx: Context, next: Next): Promise<void> {
    const sent = ctx.get(REQUEST_ID_HEADER);
    const id = REQUEST_ID_PATTERN.test(sent) ? sent : randomUUID();
    ctx.state.requestId = id;
    ctx.state.logger = logger.child({ requestId: id });
    ctx.set(REQUEST_ID_HEADER, id);
    await next();
  };
}

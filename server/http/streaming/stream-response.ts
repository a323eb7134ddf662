/**
 * Shared plumbing of streamed responses: headers that keep proxies from buffering, and
 * noticing a client that leaves before the response is complete.
 */
import type { Context } from 'koa';

export function setStreamingHeaders(ctx: Context, contentType: string): void {
  ctx.req.socket.setTimeout(0);
  ctx.req.socket.setNoDelay(true);
  ctx.set('Cache-Control', 'no-store, no-transform');
  // nginx would otherwise buffer the stream and deliver it all at the end.
  ctx.set('X-Accel-Buffering', 'no');
  ctx.type = contentType;
  ctx.status = 200;
}

/** Calls `onLeave` once if the connection closes before the whole response was sent. */
export function onClientLeave(ctx: Context, onLeave: () => void): void {
  ctx.res.once('close', () => {
    if (!ctx.res.writableFinished) onLeave();
  });
}

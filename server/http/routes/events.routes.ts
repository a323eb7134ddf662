/**
 * GET /tts/events/:id: Server-Sent Events instead of polling. Sends `status` at once, then
 * `status` / `progress` as they happen and `done` with the final status, then closes.
 * Events only say "something changed"; the data is always read fresh from the store.
 */
import { PassThrough } from 'node:stream';
import Router from '@koa/router';
import type { Context } from 'koa';
import { AppError } from '../../shared/errors/app-error.ts';
import { isTerminal } from '../../shared/job.ts';
import type { AppDeps } from '../app-deps.ts';
import { presentJob } from '../../jobs/job-view.ts';
import { parseId } from '../schemas/common.schema.ts';
import type { JobEvent } from '../../jobs/events/job-event-bus.ts';

/** Comment lines keep proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;
/** Clients reconnect after this long if the stream drops. */
const RETRY_MS = 2000;

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function eventsRoutes(deps: AppDeps): Router {
  const router = new Router();
  router.get('/tts/events/:id', async (ctx) => {
    const id = parseId(ctx.params.id);
    await deps.jobs.get(id); // 404 / 410 as JSON before the stream starts
    const stream = openStream(ctx);
    let chain: Promise<void> = Promise.resolve();
    let closed = false;
    const close = (): void => {
      if (closed) return;
      closed = true;
      unsubscribe();
      clearInterval(heartbeat);
      stream.end();
    };
    const push = (kind: string): void => {
      chain = chain.then(() => (closed ? undefined : send(kind)));
    };
    const send = async (kind: string): Promise<void> => {
      try {
        const record = await deps.jobs.get(id);
        const view = presentJob(record);
        stream.write(frame(kind, view));
        if (isTerminal(record.status)) {
          stream.write(frame('done', view));
          close();
        }
      } catch (error) {
        const app = error instanceof AppError ? error : undefined;
        stream.write(frame('error', { code: app?.code ?? 'internal_error', message: app?.expose ? app.message : 'error' }));
        close();
      }
    };
    const unsubscribe = deps.bus.subscribe(id, (event: JobEvent) => {
      // `done` is sent after the final status, so a terminal event is reported as a status here.
      if (event.type === 'status' || event.type === 'done') push('status');
      else if (event.type === 'progress') push('progress');
    });
    const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), HEARTBEAT_MS);
    ctx.req.on('close', close);
    stream.write(`retry: ${RETRY_MS}\n\n`);
    push('status');
  });
  return router;
}

function openStream(ctx: Context): PassThrough {
  ctx.req.socket.setTimeout(0);
  ctx.req.socket.setNoDelay(true);
  ctx.set('Cache-Control', 'no-cache, no-transform');
  ctx.set('Connection', 'keep-alive');
  // nginx would otherwise buffer the stream and deliver it all at the end.
  ctx.set('X-Accel-Buffering', 'no');
  ctx.type = 'text/event-stream';
  ctx.status = 200;
  const stream = new PassThrough();
  ctx.body = stream;
  return stream;
}

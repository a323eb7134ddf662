/**
 * Audio bytes as a chunked HTTP response while they are produced. The status line waits for
 * the first bytes, so a job that fails before any audio still gets a proper JSON error; if
 * the first bytes take longer than COMMIT_AFTER_MS (a long queue), the response starts
 * anyway so proxies and clients do not give up on a silent connection. With `flushHeaders`
 * (OpenAI speech) the status line and headers go out at once instead; a failure after that
 * can only cut the body short: the connection closes without chunked encoding's last chunk,
 * which every HTTP client reports as an incomplete response.
 */
import { Readable } from 'node:stream';
import type { Context } from 'koa';
import { setStreamingHeaders } from './stream-response.ts';

/** Longest wait for the first audio before the 200 goes out regardless. */
const COMMIT_AFTER_MS = 10_000;

export interface AudioStreamOptions {
  contentType: string;
  /** Extra response headers (job id, ignored fields). */
  headers?: Record<string, string>;
  /** Send the status line and headers now, not with the first audio (see above). */
  flushHeaders?: boolean;
}

export async function sendAudioStream(ctx: Context, source: AsyncGenerator<Uint8Array>, options: AudioStreamOptions): Promise<void> {
  const first = source.next();
  if (options.flushHeaders === true) {
    first.catch(() => undefined); // seen by resume() below, which truncates the body
  } else {
    await firstOrPatience(first, source);
  }
  setStreamingHeaders(ctx, options.contentType);
  for (const [name, value] of Object.entries(options.headers ?? {})) ctx.set(name, value);
  ctx.body = Readable.from(resume(first, source), { objectMode: false });
  if (options.flushHeaders === true) ctx.flushHeaders();
}

/** Waits for the first audio, at most COMMIT_AFTER_MS; a failure before it is thrown (a proper error response). */
async function firstOrPatience(first: Promise<IteratorResult<Uint8Array>>, source: AsyncGenerator<Uint8Array>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const patience = new Promise<'waiting'>((resolve) => (timer = setTimeout(() => resolve('waiting'), COMMIT_AFTER_MS)));
  try {
    await Promise.race([first, patience]);
  } catch (error) {
    await source.return(undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** The first result (maybe still pending), then the rest; returning early also closes `source`. */
async function* resume(
  first: Promise<IteratorResult<Uint8Array>>,
  source: AsyncGenerator<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  try {
    const head = await first;
    if (head.done === true) return;
    yield head.value;
    yield* source;
  } finally {
    await source.return(undefined);
  }
}

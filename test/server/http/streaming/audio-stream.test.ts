/**
 * A streamed audio response with `flushHeaders` (OpenAI speech): the status line and headers
 * reach the client before the first audio (a job waiting behind a long queue), and a job that
 * fails after that ends the body short, which the client sees as an incomplete response.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import Koa from 'koa';
import { sendAudioStream } from '../../../../server/http/streaming/audio-stream.ts';
import { AppError } from '../../../../server/shared/errors/app-error.ts';

/** Far below the time a queued job may wait before its first audio. */
const HEADERS_WITHIN_MS = 5000;

/** Yields nothing until `gate` opens (the job waits in the queue), then one sentence, then fails. */
async function* failingWhenReleased(gate: Promise<void>): AsyncGenerator<Uint8Array> {
  await gate;
  yield new Uint8Array([1, 2, 3]);
  throw new AppError('The job failed: engine error.', { code: 'job_failed', status: 409, expose: true });
}

describe('streamed audio with flushHeaders', () => {
  it('sends 200 and its headers before any audio, then truncates the body when the job fails', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const app = new Koa();
    app.silent = true;
    app.use((ctx) => sendAudioStream(ctx, failingWhenReleased(gate), { contentType: 'audio/mpeg', headers: { 'X-Chatterbox-Id': 'job-1' }, flushHeaders: true }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { signal: AbortSignal.timeout(HEADERS_WITHIN_MS) });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'audio/mpeg');
      assert.equal(response.headers.get('x-chatterbox-id'), 'job-1');
      assert.equal(response.headers.get('transfer-encoding'), 'chunked');
      release();
      await assert.rejects(response.arrayBuffer(), 'the body ends without its last chunk: incomplete, not a short success');
    } finally {
      release();
      server.close();
    }
  });
});

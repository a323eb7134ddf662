/**
 * The SSE form of /v1/audio/speech ends a stream that fails mid-way with an error event in
 * OpenAI's error shape (type and param included), after the audio sent so far.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import Koa from 'koa';
import { createParser } from 'eventsource-parser';
import { sendSpeechEvents } from '../../../../server/http/streaming/speech-sse.ts';
import { AppError } from '../../../../server/shared/errors/app-error.ts';

async function* failingAfterOneChunk(error: Error): AsyncGenerator<Uint8Array> {
  yield new Uint8Array([1, 2, 3]);
  throw error;
}

async function eventsFor(error: Error): Promise<Record<string, unknown>[]> {
  const app = new Koa();
  app.use((ctx) => sendSpeechEvents(ctx, failingAfterOneChunk(error), { inputChars: 5, stats: { samples: 0 } }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const events: Record<string, unknown>[] = [];
    const parser = createParser({ onEvent: (event) => events.push(JSON.parse(event.data) as Record<string, unknown>) });
    parser.feed(await response.text());
    return events;
  } finally {
    server.close();
  }
}

describe('speech SSE errors', () => {
  it('sends 200 and its headers before the first event, as a job waits in the queue', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* waiting(): AsyncGenerator<Uint8Array> {
      await gate;
      yield new Uint8Array([1, 2, 3]);
    }
    const app = new Koa();
    app.use((ctx) => sendSpeechEvents(ctx, waiting(), { inputChars: 5, stats: { samples: 0 } }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      // Without the flush nothing arrives until the first event (or the 15 s heartbeat).
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { signal: AbortSignal.timeout(5000) });
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
      release();
      assert.match(await response.text(), /speech\.audio\.done/);
    } finally {
      release();
      server.close();
    }
  });

  it('ends with an error event carrying OpenAI\'s type and param', async () => {
    const events = await eventsFor(new AppError('The job failed: engine error.', { code: 'synthesis_failed', status: 500, expose: true }));
    assert.deepEqual(events.map((event) => event.type), ['speech.audio.delta', 'error']);
    assert.deepEqual(events[1]!.error, { code: 'synthesis_failed', message: 'The job failed: engine error.', type: 'server_error', param: null });
  });

  it('hides the message of an unexpected error', async () => {
    const events = await eventsFor(new Error('secret internals'));
    assert.deepEqual(events.at(-1)!.error, { code: 'internal_error', message: 'Internal server error.', type: 'server_error', param: null });
  });
});

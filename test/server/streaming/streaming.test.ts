/**
 * Audio leaves the server sentence by sentence while the job runs: on POST /v1/audio/speech
 * and on GET /tts/audio/:id?stream=1. Uses the slow tiny model so that synthesis of each
 * sentence takes long enough to tell "as it is produced" from "at the end". The times at
 * which the worker finished each sentence come from the service's event bus, in-process.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JobEvent } from '../../../server/jobs/events/job-event-bus.ts';
import { parseWav } from '../http/audio-fixtures.ts';
import { waitFor } from '../../support/wait-for.ts';
import { startTestServer, waitForStatus, type TestServer } from '../../support/test-server.ts';

const SIX_SENTENCES =
  'The train left on time. Passengers found their seats. Fields were white with frost. ' +
  'A conductor checked the tickets. A child laughed at a dog. The city appeared at noon.';

/** Generous: CI machines are shared and the slow model is slow on purpose. */
const JOB_TIMEOUT_MS = 120_000;

const THREE_SENTENCES = 'The train left on time. Passengers found their seats. Fields were white with frost.';

interface Timeline {
  /** performance.now() when chunk n (0-based) was done, by job id. */
  chunkDone: Map<string, number[]>;
  finished: Map<string, number>;
  stop(): void;
}

function watch(ts: TestServer): Timeline {
  const chunkDone = new Map<string, number[]>();
  const finished = new Map<string, number>();
  const unsubscribe = ts.server.bus.subscribeAll((event: JobEvent) => {
    const now = performance.now();
    // The worker's chunk event is the moment a sentence's audio exists (progress follows a store write).
    if (event.type === 'chunk') chunkDone.set(event.jobId, [...(chunkDone.get(event.jobId) ?? []), now]);
    if (event.type === 'done') finished.set(event.jobId, now);
  });
  return { chunkDone, finished, stop: unsubscribe };
}

/** Reads a response body, noting when the first bytes arrived; `hangUp` aborts the request after them. */
async function readBody(response: Response, hangUp?: AbortController): Promise<{ firstAt: number; bytes: Uint8Array }> {
  const reader = response.body!.getReader();
  const parts: Uint8Array[] = [];
  let firstAt = Number.NaN;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (Number.isNaN(firstAt)) firstAt = performance.now();
    parts.push(value);
    if (hangUp !== undefined) {
      hangUp.abort();
      break;
    }
  }
  return { firstAt, bytes: new Uint8Array(Buffer.concat(parts)) };
}

async function submit(ts: TestServer, body: Record<string, unknown>): Promise<string> {
  const response = await ts.post('/tts/synthesize', body);
  assert.equal(response.status, 202);
  return ((await response.json()) as { chatterbox_id: string }).chatterbox_id;
}

function speech(ts: TestServer, body: Record<string, unknown>, signal?: AbortSignal): Promise<Response> {
  return ts.request('/v1/audio/speech', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
}

describe('streaming audio as it is synthesized', () => {
  let ts: TestServer;
  let timeline: Timeline;
  before(async () => {
    ts = await startTestServer({ CHATTERBOX_MODEL: 'tiny-slow' });
    timeline = watch(ts);
  });
  after(async () => {
    timeline.stop();
    await ts.close();
  });

  it('sends the first audio bytes of /v1/audio/speech after the first sentence and well before the job ends', async () => {
    const response = await speech(ts, { model: 'tts-1', voice: 'default', input: SIX_SENTENCES, response_format: 'wav' });
    assert.equal(response.status, 200);
    const id = response.headers.get('x-chatterbox-id')!;
    const { firstAt, bytes } = await readBody(response);
    const chunks = timeline.chunkDone.get(id)!;
    const finishedAt = timeline.finished.get(id)!;
    assert.equal(chunks.length, 6);
    assert.ok(firstAt >= chunks[0]!, 'no audio before the first sentence is done');
    assert.ok(firstAt < chunks[4]!, `first audio at +${Math.round(firstAt - chunks[0]!)} ms after sentence 1; sentence 5 was done at +${Math.round(chunks[4]! - chunks[0]!)} ms`);
    assert.ok(firstAt < finishedAt);
    const file = await ts.request(`/tts/audio/${id}`);
    const stored = parseWav(new Uint8Array(await file.arrayBuffer()));
    // The stream's WAV header says "unknown length"; its samples are the stored file's.
    assert.equal((bytes.length - 44) / 2, stored.samples);
  });

  it('streams a running job with ?stream=1, also to a listener that joins late, byte for byte like the file', async () => {
    const id = await submit(ts, { text: SIX_SENTENCES, format: 'wav', seed: 3 });
    const early = ts.request(`/tts/audio/${id}?stream=1`);
    await waitFor(() => (timeline.chunkDone.get(id)?.length ?? 0) >= 2, 'two chunks of the job', JOB_TIMEOUT_MS);
    const late = await ts.request(`/tts/audio/${id}?stream=1`);
    assert.equal(late.headers.get('content-type'), 'audio/wav');
    assert.equal(late.headers.get('content-length'), null, 'chunked: the length is not known yet');
    const [earlyBody, lateBody] = await Promise.all([early.then((response) => readBody(response)), readBody(late)]);
    assert.ok(earlyBody.firstAt < timeline.finished.get(id)!, 'bytes arrived while the job was running');
    const file = new Uint8Array(await (await ts.request(`/tts/audio/${id}`)).arrayBuffer());
    assert.deepEqual(earlyBody.bytes.subarray(44), file.subarray(44));
    assert.deepEqual(lateBody.bytes.subarray(44), file.subarray(44));
  });

  it('converts a live stream with ?format= and serves a finished job as its file', async () => {
    const id = await submit(ts, { text: 'One. Two.', format: 'wav' });
    const live = await ts.request(`/tts/audio/${id}?stream=1&format=mp3`);
    assert.equal(live.headers.get('content-type'), 'audio/mpeg');
    assert.ok((await live.arrayBuffer()).byteLength > 0);
    await waitForStatus(ts, id, undefined, JOB_TIMEOUT_MS);
    const finished = await ts.request(`/tts/audio/${id}?stream=1`);
    assert.equal(finished.status, 200);
    assert.ok(Number(finished.headers.get('content-length')) > 44);
  });

  it('cancels the synthesis when the only /v1/audio/speech client disconnects', async () => {
    const hangUp = new AbortController();
    const response = await speech(ts, { model: 'tts-1', voice: 'default', input: SIX_SENTENCES, response_format: 'pcm' }, hangUp.signal);
    const id = response.headers.get('x-chatterbox-id')!;
    await readBody(response, hangUp);
    const status = await waitForStatus(ts, id, undefined, JOB_TIMEOUT_MS);
    assert.equal(status.status, 'CANCELLED');
    assert.ok(((status.progress as { chunks_done: number } | null)?.chunks_done ?? 0) < 6, 'stopped before the last sentence');
  });

  it('keeps synthesizing when another client still listens, and never cancels a submitted job', async () => {
    const hangUp = new AbortController();
    const response = await speech(ts, { model: 'tts-1', voice: 'default', input: THREE_SENTENCES, response_format: 'pcm' }, hangUp.signal);
    const id = response.headers.get('x-chatterbox-id')!;
    const guest = await ts.request(`/tts/audio/${id}?stream=1`);
    await readBody(response, hangUp);
    const guestBody = await readBody(guest);
    assert.equal((await waitForStatus(ts, id, undefined, JOB_TIMEOUT_MS)).status, 'COMPLETE');
    assert.ok(guestBody.bytes.length > 0);

    const submitted = await submit(ts, { text: THREE_SENTENCES, format: 'wav' });
    const leave = new AbortController();
    const listener = await ts.request(`/tts/audio/${submitted}?stream=1`, { signal: leave.signal });
    await readBody(listener, leave);
    assert.equal((await waitForStatus(ts, submitted, undefined, JOB_TIMEOUT_MS)).status, 'COMPLETE');
  });
});

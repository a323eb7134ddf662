/**
 * The whole job flow over HTTP against the real service and the tiny model: submit, poll,
 * download and decode, convert, list, delete, retention expiry, idempotency, events.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SAMPLE_RATE_HZ } from '../../../server/shared/audio-constants.ts';
import { parseWav } from './audio-fixtures.ts';
import { useTestServer, waitForStatus, type TestServer } from '../../support/test-server.ts';
import { expectedTinySamples } from './tiny-expectations.ts';

const DAY_MS = 24 * 3600 * 1000;
const TWO_SENTENCES = 'Hello there. How are you today?';

async function submit(ts: TestServer, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<string> {
  const response = await ts.post('/tts/synthesize', body, headers);
  assert.equal(response.status, 202, await response.clone().text());
  return ((await response.json()) as { chatterbox_id: string }).chatterbox_id;
}

describe('synthesis jobs over HTTP', () => {
  let ts: TestServer;
  useTestServer((server) => (ts = server), { CHATTERBOX_RETENTION_DAYS: '30' });

  it('returns 202 with the job id, a Location header and the URLs to follow', async () => {
    const response = await ts.post('/tts/synthesize', { text: 'Hi.' });
    assert.equal(response.status, 202);
    const body = (await response.json()) as Record<string, string>;
    assert.match(body.chatterbox_id!, /^[0-9a-f-]{36}$/);
    assert.equal(body.status, 'QUEUED');
    assert.equal(response.headers.get('location'), `/tts/status/${body.chatterbox_id}`);
    assert.equal(body.status_url, `/tts/status/${body.chatterbox_id}`);
    assert.equal(body.audio_url, `/tts/audio/${body.chatterbox_id}`);
    assert.equal(body.events_url, `/tts/events/${body.chatterbox_id}`);
    assert.ok(!Number.isNaN(Date.parse(body.created_at!)));
  });

  it('completes and serves a 24 kHz mono WAV exactly as long as the tiny model scripts it', async () => {
    const id = await submit(ts, { text: TWO_SENTENCES, seed: 7 });
    const status = await waitForStatus(ts, id);
    assert.equal(status.status, 'COMPLETE', JSON.stringify(status.error));
    const expected = await expectedTinySamples(TWO_SENTENCES);
    const response = await ts.request(`/tts/audio/${id}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'audio/wav');
    assert.equal(response.headers.get('content-disposition'), `attachment; filename="${id}.wav"`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    assert.equal(Number(response.headers.get('content-length')), bytes.length);
    const wav = parseWav(bytes);
    assert.deepEqual({ rate: wav.sampleRate, channels: wav.channels, bits: wav.bitsPerSample }, { rate: SAMPLE_RATE_HZ, channels: 1, bits: 16 });
    assert.equal(wav.samples, expected.samples);
    const audio = status.audio as Record<string, number>;
    assert.equal(audio.bytes, bytes.length);
    assert.equal(audio.sample_rate, SAMPLE_RATE_HZ);
    assert.ok(Math.abs(audio.duration_seconds! - expected.samples / SAMPLE_RATE_HZ) < 1e-9);
    assert.deepEqual(status.progress, { chunks_done: expected.chunks, chunks_total: expected.chunks });
  });

  it('records the parameters used, the drawn seed and the timestamps', async () => {
    const id = await submit(ts, { text: 'Hi.', language: 'de', temperature: 0.7, format: 'wav' });
    const status = await waitForStatus(ts, id);
    const params = status.params as Record<string, unknown>;
    assert.equal(params.temperature, 0.7);
    assert.equal(params.exaggeration, 0.5);
    assert.ok(Number.isInteger(params.seed) && (params.seed as number) >= 0, 'a seed was drawn and recorded');
    assert.equal(status.language, 'de');
    assert.equal(status.voice, 'default');
    assert.equal(status.text_chars, 3);
    const [created, started, finished] = [status.created_at, status.started_at, status.finished_at].map((t) => Date.parse(t as string));
    assert.ok(created! <= started! && started! <= finished!);
  });

  it('produces identical audio for the same seed and input', async () => {
    const first = await submit(ts, { text: 'Same seed.', seed: 99 });
    const second = await submit(ts, { text: 'Same seed.', seed: 99 });
    await waitForStatus(ts, first);
    await waitForStatus(ts, second);
    const [a, b] = await Promise.all([first, second].map((id) => ts.request(`/tts/audio/${id}`)));
    assert.deepEqual(new Uint8Array(await a!.arrayBuffer()), new Uint8Array(await b!.arrayBuffer()));
    assert.equal(a!.headers.get('etag'), b!.headers.get('etag'));
  });

  it('answers byte ranges with 206, revalidation with 304 and past-the-end ranges with 416', async () => {
    const id = await submit(ts, { text: 'Ranges.' });
    await waitForStatus(ts, id);
    const full = await ts.request(`/tts/audio/${id}`);
    const bytes = new Uint8Array(await full.arrayBuffer());
    const etag = full.headers.get('etag')!;
    assert.equal(full.headers.get('accept-ranges'), 'bytes');
    const partial = await ts.request(`/tts/audio/${id}`, { headers: { Range: 'bytes=10-49' } });
    assert.equal(partial.status, 206);
    assert.equal(partial.headers.get('content-range'), `bytes 10-49/${bytes.length}`);
    assert.deepEqual(new Uint8Array(await partial.arrayBuffer()), bytes.subarray(10, 50));
    const suffix = await ts.request(`/tts/audio/${id}`, { headers: { Range: 'bytes=-4' } });
    assert.deepEqual(new Uint8Array(await suffix.arrayBuffer()), bytes.subarray(bytes.length - 4));
    const cached = await ts.request(`/tts/audio/${id}`, { headers: { 'If-None-Match': etag } });
    assert.equal(cached.status, 304);
    const beyond = await ts.request(`/tts/audio/${id}`, { headers: { Range: `bytes=${bytes.length}-` } });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers.get('content-range'), `bytes */${bytes.length}`);
  });

  it('converts finished audio to raw PCM on request, once', async () => {
    const id = await submit(ts, { text: 'Convert me.' });
    await waitForStatus(ts, id);
    const wav = parseWav(new Uint8Array(await (await ts.request(`/tts/audio/${id}`)).arrayBuffer()));
    const pcm = await ts.request(`/tts/audio/${id}?format=pcm`);
    assert.equal(pcm.status, 200);
    assert.equal(pcm.headers.get('content-type'), 'audio/pcm');
    assert.equal((await pcm.arrayBuffer()).byteLength, wav.samples * 2);
    const files = (await readdir(join(ts.dataDir, 'audio'))).filter((name) => name.startsWith(id));
    assert.deepEqual(files.sort(), [`${id}.pcm`, `${id}.wav`]);
  });

  it('synthesizes straight to PCM when the job asks for it', async () => {
    const id = await submit(ts, { text: 'Raw.', format: 'pcm' });
    const status = await waitForStatus(ts, id);
    const audio = status.audio as Record<string, unknown>;
    assert.equal(audio.format, 'pcm');
    const expected = await expectedTinySamples('Raw.');
    assert.equal(audio.bytes, expected.samples * 2);
  });

  it('lists jobs newest first, filters by status and pages with a cursor', async () => {
    const ids = [await submit(ts, { text: 'One.' }), await submit(ts, { text: 'Two.' }), await submit(ts, { text: 'Three.' })];
    for (const id of ids) await waitForStatus(ts, id);
    const first = (await (await ts.request('/tts/jobs?limit=2')).json()) as { jobs: Array<{ chatterbox_id: string }>; next_cursor: string };
    assert.deepEqual(first.jobs.map((job) => job.chatterbox_id), [ids[2], ids[1]]);
    assert.ok(first.next_cursor);
    const second = (await (await ts.request(`/tts/jobs?limit=2&cursor=${first.next_cursor}`)).json()) as { jobs: Array<{ chatterbox_id: string }> };
    assert.equal(second.jobs[0]!.chatterbox_id, ids[0]);
    const complete = (await (await ts.request('/tts/jobs?status=COMPLETE&limit=200')).json()) as { jobs: Array<{ status: string }>; next_cursor: null };
    assert.ok(complete.jobs.length >= 3 && complete.jobs.every((job) => job.status === 'COMPLETE'));
    assert.equal(complete.next_cursor, null);
  });

  it('deletes a job with its files; afterwards status and audio answer 410', async () => {
    const id = await submit(ts, { text: 'Delete me.' });
    await waitForStatus(ts, id);
    const response = await ts.request(`/tts/jobs/${id}`, { method: 'DELETE' });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { chatterbox_id: id, deleted: true, status: 'COMPLETE' });
    const status = await ts.request(`/tts/status/${id}`);
    assert.equal(status.status, 410);
    assert.equal(((await status.json()) as { error: { code: string } }).error.code, 'job_deleted');
    assert.equal((await ts.request(`/tts/audio/${id}`)).status, 410);
    assert.equal((await ts.request(`/tts/jobs/${id}`, { method: 'DELETE' })).status, 410);
    assert.deepEqual((await readdir(join(ts.dataDir, 'audio'))).filter((name) => name.startsWith(id)), []);
  });

  it('returns the same job for a retried submit with the same Idempotency-Key', async () => {
    const headers = { 'Idempotency-Key': 'order-4711' };
    const first = await ts.post('/tts/synthesize', { text: 'Once only.' }, headers);
    const retry = await ts.post('/tts/synthesize', { text: 'Once only.' }, headers);
    const [a, b] = (await Promise.all([first.json(), retry.json()])) as Array<{ chatterbox_id: string }>;
    assert.equal(a!.chatterbox_id, b!.chatterbox_id);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    const misuse = await ts.post('/tts/synthesize', { text: 'Something else.' }, headers);
    assert.equal(misuse.status, 422);
    assert.equal(((await misuse.json()) as { error: { code: string } }).error.code, 'idempotency_key_reused');
  });

  it('streams status events until done', async () => {
    const id = await submit(ts, { text: 'Events please. Two sentences.' });
    const response = await ts.request(`/tts/events/${id}`);
    assert.match(response.headers.get('content-type')!, /^text\/event-stream/);
    const text = await response.text(); // the server closes the stream after `done`
    const events = [...text.matchAll(/^event: (\w+)\ndata: (.*)$/gm)].map((match) => ({ event: match[1], data: JSON.parse(match[2]!) }));
    const last = events.at(-1)!;
    assert.equal(last.event, 'done');
    assert.equal(last.data.status, 'COMPLETE');
    assert.equal(events[0]!.event, 'status');
  });

  it('expires jobs after the retention period: 410 at once, files gone after the sweep', async () => {
    const id = await submit(ts, { text: 'Old news.' });
    await waitForStatus(ts, id);
    ts.clock.advance(31 * DAY_MS);
    const status = await ts.request(`/tts/status/${id}`);
    assert.equal(status.status, 410);
    assert.equal(((await status.json()) as { error: { code: string } }).error.code, 'job_expired');
    const swept = await ts.server.sweeper.sweep();
    assert.ok(swept.jobs >= 1);
    assert.deepEqual(await readdir(join(ts.dataDir, 'audio')), []);
    const list = (await (await ts.request('/tts/jobs')).json()) as { jobs: unknown[] };
    assert.equal(list.jobs.length, 0);
    assert.equal((await ts.request(`/tts/status/${id}`)).status, 410);
  });
});

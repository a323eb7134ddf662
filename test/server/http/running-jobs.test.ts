/**
 * Jobs while they run, on the slow tiny model so "running" lasts long enough to observe:
 * progress, 409 for early downloads, cancelling and deleting running and queued work.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { useTestServer, waitForStatus, type TestServer } from '../../support/test-server.ts';

const LONG_TEXT = 'First sentence is here. Second sentence follows it. Third one ends the text.';

async function submit(ts: TestServer, text: string): Promise<string> {
  const response = await ts.post('/tts/synthesize', { text });
  assert.equal(response.status, 202);
  return ((await response.json()) as { chatterbox_id: string }).chatterbox_id;
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe('jobs while they run', () => {
  let ts: TestServer;
  useTestServer((server) => (ts = server), { CHATTERBOX_MODEL: 'tiny-slow' });

  it('reports PROCESSING, streams chunk progress, shows a busy worker and answers 409 for the audio until COMPLETE', async () => {
    const id = await submit(ts, LONG_TEXT);
    const events = ts.request(`/tts/events/${id}`).then((response) => response.text());
    const running = await waitForStatus(ts, id, ['PROCESSING']);
    assert.equal(running.finished_at, null);
    const audio = await ts.request(`/tts/audio/${id}`);
    assert.equal(audio.status, 409);
    assert.equal(await errorCode(audio), 'job_not_finished');
    const captions = await ts.request(`/tts/captions/${id}?format=srt`);
    assert.equal(captions.status, 409);
    assert.equal(await errorCode(captions), 'job_not_finished');
    const health = (await (await ts.request('/health')).json()) as { workers: Array<{ state: string; current_job: string }> };
    assert.deepEqual(health.workers.map((worker) => [worker.state, worker.current_job]), [['busy', id]]);
    const progress = [...(await events).matchAll(/^event: progress\ndata: (.*)$/gm)].map(
      (match) => (JSON.parse(match[1]!) as { progress: { chunks_done: number } }).progress.chunks_done,
    );
    assert.deepEqual(progress.slice(0, 2), [1, 2]);
    const done = await waitForStatus(ts, id);
    assert.deepEqual(done.progress, { chunks_done: 3, chunks_total: 3 });
    assert.equal((await ts.request(`/tts/audio/${id}`)).status, 200);
  });

  it('cancels a running job: CANCELLED, no audio left behind, the worker takes the next job', async () => {
    const running = await submit(ts, LONG_TEXT);
    await waitForStatus(ts, running, ['PROCESSING']);
    const next = await submit(ts, 'Next.');
    const response = await ts.request(`/tts/jobs/${running}/cancel`, { method: 'POST' });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { status: string }).status, 'CANCELLED');
    assert.equal((await waitForStatus(ts, next)).status, 'COMPLETE');
    const cancelled = await waitForStatus(ts, running);
    assert.equal(cancelled.status, 'CANCELLED');
    const audio = await ts.request(`/tts/audio/${running}`);
    assert.equal(audio.status, 409);
    assert.equal(await errorCode(audio), 'job_cancelled');
    assert.deepEqual((await readdir(join(ts.dataDir, 'audio'))).filter((name) => name.startsWith(running)), []);
    const again = await ts.request(`/tts/jobs/${running}/cancel`, { method: 'POST' });
    assert.equal(again.status, 409);
  });

  it('deletes a queued job before it runs and a running one mid-way', async () => {
    const running = await submit(ts, LONG_TEXT);
    const queued = await submit(ts, 'Never spoken.');
    await waitForStatus(ts, running, ['PROCESSING']);
    const deleteQueued = await ts.request(`/tts/jobs/${queued}`, { method: 'DELETE' });
    assert.deepEqual(await deleteQueued.json(), { chatterbox_id: queued, deleted: true, status: 'CANCELLED' });
    const deleteRunning = await ts.request(`/tts/jobs/${running}`, { method: 'DELETE' });
    assert.equal(((await deleteRunning.json()) as { status: string }).status, 'CANCELLED');
    assert.equal((await ts.request(`/tts/status/${running}`)).status, 410);
    const after = await submit(ts, 'After.');
    assert.equal((await waitForStatus(ts, after)).status, 'COMPLETE');
    const files = await readdir(join(ts.dataDir, 'audio'));
    assert.ok(!files.some((name) => name.startsWith(running) || name.startsWith(queued)), files.join(','));
  });
});

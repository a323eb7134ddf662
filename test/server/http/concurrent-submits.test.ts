/** Many clients at once: every accepted job completes exactly once, none lost or duplicated. */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { useTestServer, type TestServer } from '../../support/test-server.ts';

const SUBMITS = 200;
const DEADLINE_MS = 240_000;

describe('200 concurrent submits', () => {
  let ts: TestServer;
  useTestServer((server) => (ts = server), { CHATTERBOX_DEVICES: 'cpu,cpu', CHATTERBOX_INTRA_OP_THREADS: '1' });

  it('accepts all, completes each exactly once and keeps one audio file per job', async () => {
    const responses = await Promise.all(
      Array.from({ length: SUBMITS }, (_, index) => ts.post('/tts/synthesize', { text: `Job ${index}.`, seed: index })),
    );
    assert.deepEqual(new Set(responses.map((response) => response.status)), new Set([202]));
    const ids = await Promise.all(responses.map(async (response) => ((await response.json()) as { chatterbox_id: string }).chatterbox_id));
    assert.equal(new Set(ids).size, SUBMITS, 'every submit got its own id');

    const deadline = Date.now() + DEADLINE_MS;
    let listed: Array<{ chatterbox_id: string; status: string; attempts: number }> = [];
    while (Date.now() < deadline) {
      listed = ((await (await ts.request(`/tts/jobs?limit=${SUBMITS}`)).json()) as { jobs: typeof listed }).jobs;
      // Any final status ends the wait; the assertions below say which were not COMPLETE.
      if (listed.every((job) => ['COMPLETE', 'FAILED', 'CANCELLED'].includes(job.status))) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.equal(listed.length, SUBMITS);
    assert.deepEqual(new Set(listed.map((job) => job.chatterbox_id)), new Set(ids), 'exactly the submitted jobs are listed');
    assert.deepEqual(new Set(listed.map((job) => job.status)), new Set(['COMPLETE']));
    assert.ok(listed.every((job) => job.attempts === 1), 'no job ran twice');
    const files = await readdir(join(ts.dataDir, 'audio'));
    assert.deepEqual(files.sort(), ids.map((id) => `${id}.wav`).sort());
    const metrics = await (await ts.request('/metrics')).text();
    assert.match(metrics, new RegExp(`^chatterbox_jobs_finished_total\\{status="COMPLETE"\\} ${SUBMITS}$`, 'm'));
  });
});

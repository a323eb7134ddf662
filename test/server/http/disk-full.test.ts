/**
 * Issue 15 item 1 on a real full disk: the data directory is a 20 MB tmpfs, filled to the last
 * byte, then jobs are submitted. Every 202 must name a job that exists; every other answer is
 * 507 with no job id. Needs root (mount); test/server/jobs/disk-full.test.ts covers the same
 * rules with an injected fault everywhere else.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

const SUBMITS = 40;
const RESERVE_BYTES = 512 * 1024;

function tryMount(dir: string): string | null {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=20m', 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (error) {
    return `mounting a tmpfs is not permitted here (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); run as root to enable`;
  }
}

/** Writes zeros until the file system refuses: no byte is left. */
async function fill(file: string): Promise<void> {
  const handle = await open(file, 'w');
  const block = Buffer.alloc(64 * 1024);
  try {
    for (let size = block.length; size >= 1; size = Math.floor(size / 2)) {
      for (;;) {
        try {
          await handle.write(block.subarray(0, size));
        } catch {
          break;
        }
      }
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}

const mountPoint = await mkdtemp(join(tmpdir(), 'chatterbox-tmpfs-'));
const skip = tryMount(mountPoint);

describe('submits on a full data disk (20 MB tmpfs)', { skip: skip ?? false }, () => {
  let ts: TestServer;
  const filler = join(mountPoint, 'filler');
  before(async () => {
    ts = await startTestServer({}, { dataDir: join(mountPoint, 'data') });
    // A little room is left, so the first submits fit and the later ones do not.
    const reserve = join(mountPoint, 'reserve');
    await writeFile(reserve, Buffer.alloc(RESERVE_BYTES));
    await fill(filler);
    await unlink(reserve);
  });
  after(async () => {
    await unlink(filler).catch(() => undefined);
    await ts?.close();
    execFileSync('umount', ['-l', mountPoint]);
    await rm(mountPoint, { recursive: true, force: true });
  });

  it('acknowledges only jobs it stored, refuses the rest with 507 and no id, and says so in /health', async (t) => {
    const text = 'A sentence long enough to need a few new database pages. '.repeat(60);
    const answers = await Promise.all(
      Array.from({ length: SUBMITS }, () => ts.post('/tts/synthesize', { text }).then(async (response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> }))),
    );
    const accepted = answers.filter((answer) => answer.status === 202);
    const refused = answers.filter((answer) => answer.status === 507);
    assert.equal(accepted.length + refused.length, SUBMITS, `unexpected answers: ${JSON.stringify(answers.map((answer) => answer.status))}`);
    assert.ok(refused.length > 0, 'a full disk must refuse some submits');
    for (const answer of refused) {
      assert.equal((answer.body.error as { code: string }).code, 'insufficient_storage');
      assert.equal(answer.body.chatterbox_id, undefined);
    }
    let missing = 0;
    for (const answer of accepted) if ((await ts.request(`/tts/status/${String(answer.body.chatterbox_id)}`)).status !== 200) missing += 1;
    t.diagnostic(`submits=${SUBMITS} accepted=${accepted.length} refused_507=${refused.length} acknowledged_but_missing=${missing}`);
    assert.equal(missing, 0);

    const health = (await (await ts.request('/health')).json()) as { status: string; disk: { error: string | null } };
    assert.equal(health.status, 'degraded');
    assert.match(health.disk.error ?? '', /free/);

    await unlink(filler);
    const retry = await ts.post('/tts/synthesize', { text: 'Room again.' });
    assert.equal(retry.status, 202);
  });
});

if (skip !== null) await rm(mountPoint, { recursive: true, force: true });

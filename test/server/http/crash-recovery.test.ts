/**
 * kill -9 while a job is PROCESSING, start again on the same data dir: the interrupted job
 * and the one queued behind it complete, their audio is whole, no temp file is left.
 * The server runs as a child process, exactly as `npm start` runs it.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, describe, it } from 'node:test';
import { parseWav } from './audio-fixtures.ts';
import { testEnv, waitForStatus } from '../../support/test-server.ts';
import { expectedTinySamples } from './tiny-expectations.ts';

const MAIN = new URL('../../../server/main.ts', import.meta.url).pathname;
const LONG_TEXT = 'The first sentence is spoken. The second sentence follows. A third one closes it.';
const START_TIMEOUT_MS = 60_000;

interface Child {
  process: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/** Starts `node --import tsx server/main.ts` and reads its port from the "listening" log line. */
async function startChild(dataDir: string): Promise<Child> {
  const env = { ...process.env, ...testEnv(dataDir, { CHATTERBOX_MODEL: 'tiny-slow', CHATTERBOX_LOG_LEVEL: 'info' }) };
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start')), START_TIMEOUT_MS);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as { msg?: string; port?: number };
      if (entry.msg === 'chatterbox listening') {
        clearTimeout(timer);
        resolve(entry.port!);
      }
    });
    child.once('exit', () => reject(new Error('server exited during start-up')));
  });
  return { process: child, url: `http://127.0.0.1:${port}`, exited };
}

function client(child: Child): { request: (path: string, init?: RequestInit) => Promise<Response> } {
  return { request: (path, init) => fetch(`${child.url}${path}`, init) };
}

async function submit(child: Child, text: string): Promise<string> {
  const response = await client(child).request('/tts/synthesize', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, seed: 3 }),
  });
  assert.equal(response.status, 202);
  return ((await response.json()) as { chatterbox_id: string }).chatterbox_id;
}

describe('crash recovery', () => {
  let dataDir: string;
  const children: Child[] = [];
  after(async () => {
    for (const child of children) child.process.kill('SIGKILL');
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it('finishes jobs interrupted by kill -9 after a restart, with intact audio', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'chatterbox-crash-'));
    const first = await startChild(dataDir);
    children.push(first);
    const running = await submit(first, LONG_TEXT);
    const queued = await submit(first, 'Queued behind it.');
    const midway = await waitForStatus(client(first), running, ['PROCESSING']);
    assert.equal(midway.status, 'PROCESSING');
    first.process.kill('SIGKILL');
    await first.exited;

    const second = await startChild(dataDir);
    children.push(second);
    const done = await waitForStatus(client(second), running);
    assert.equal(done.status, 'COMPLETE', JSON.stringify(done.error));
    assert.equal(done.attempts, 2, 'the interrupted run counts as an attempt');
    assert.equal((await waitForStatus(client(second), queued)).status, 'COMPLETE');

    const wav = parseWav(new Uint8Array(await (await client(second).request(`/tts/audio/${running}`)).arrayBuffer()));
    assert.equal(wav.samples, (await expectedTinySamples(LONG_TEXT)).samples);
    const files = await readdir(join(dataDir, 'audio'));
    assert.deepEqual(files.sort(), [`${queued}.wav`, `${running}.wav`].sort(), 'no temp or partial files');

    second.process.kill('SIGTERM');
    assert.equal(await second.exited, 0, 'SIGTERM shuts down cleanly');
  });
});

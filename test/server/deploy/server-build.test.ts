/**
 * The production build (npm run build:server, run by the systemd unit and npm run start:prod):
 * the compiled JavaScript starts without tsx, loads its worker thread from the build and
 * becomes ready. The build is (re)made here when it is missing or older than the sources.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { TEST_MODEL_CACHE } from '../engine/tiny-model.fixture.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BUILT_MAIN = join(ROOT, 'server/dist/server/main.js');
const SKIPPED = /(^|\/)(node_modules|dist|cache|ui)$/;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED.test(path)) newest = Math.max(newest, newestSource(path));
    else if (entry.isFile() && (entry.name.endsWith('.ts') || entry.name.endsWith('.json'))) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function ensureBuild(): void {
  const sources = Math.max(newestSource(join(ROOT, 'server')), newestSource(join(ROOT, 'models')));
  if (existsSync(BUILT_MAIN) && statSync(BUILT_MAIN).mtimeMs >= sources) return;
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'server/tsconfig.build.json')], { encoding: 'utf8' });
  assert.equal(result.status, 0, `npm run build:server failed:\n${result.stdout}${result.stderr}`);
}

describe('the production build', () => {
  it('compiles, starts with plain node, and reports ready with its worker loaded', { timeout: 240_000 }, async () => {
    ensureBuild();
    const dataDir = mkdtempSync(join(tmpdir(), 'chatterbox-built-'));
    const env = { ...process.env, CHATTERBOX_PORT: '0', CHATTERBOX_DATA_DIR: dataDir, CHATTERBOX_MODEL: 'tiny', CHATTERBOX_MODEL_CACHE_DIR: TEST_MODEL_CACHE, CHATTERBOX_DEVICES: 'cpu', CHATTERBOX_LOG_LEVEL: 'info' };
    // No --import tsx: the build must not need it.
    const child = spawn(process.execPath, [BUILT_MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        createInterface({ input: child.stdout! }).on('line', (line) => {
          const entry = JSON.parse(line) as { msg?: string; port?: number };
          if (entry.msg === 'chatterbox listening') resolve(entry.port!);
        });
        child.once('exit', (code) => reject(new Error(`the built server exited (${code}): ${stderr}`)));
      });
      const url = `http://127.0.0.1:${port}`;
      while ((await fetch(`${url}/health/ready`)).status !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
      const health = (await (await fetch(`${url}/health`)).json()) as { model: { name: string; loaded: boolean }; workers: { state: string }[] };
      assert.deepEqual({ model: health.model.name, loaded: health.model.loaded, workers: health.workers.map((worker) => worker.state) }, { model: 'tiny', loaded: true, workers: ['ready'] });
      assert.equal((await fetch(`${url}/ui/`)).status, 200, 'the page is served from the sources');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/**
 * Start-up time (spawn to the first 200 of GET /health/ready) and idle RSS of the service run
 * from source through tsx (`npm start`) and from the build (`npm run start:prod`), on the tiny
 * model with one CPU worker. Build first: npm run build:server. Prints one JSON line per run,
 * then a summary line (medians). Usage:
 *   node --import tsx bench/startup.bench.ts [--runs 3] [--idle-seconds 3] [--cache-dir DIR]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { TINY_GENERATOR_VERSION } from '../models/tiny/generate.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    'idle-seconds': { type: 'string', default: '3' },
    'cache-dir': { type: 'string', default: join(tmpdir(), `chatterbox-test-models-v${TINY_GENERATOR_VERSION}`) },
  },
});
const SOURCE = new URL('../server/main.ts', import.meta.url).pathname;
const BUILT = new URL('../server/dist/server/main.js', import.meta.url).pathname;
const VARIANTS: Record<string, string[]> = { tsx: ['--import', 'tsx', SOURCE], built: ['--enable-source-maps', BUILT] };
const MIB = 1024 * 1024;

interface Run {
  variant: string;
  ready_ms: number;
  idle_rss_mib: number;
}

async function measure(variant: string): Promise<Run> {
  const dataDir = await mkdtemp(join(tmpdir(), 'chatterbox-startup-'));
  const env = { ...process.env, CHATTERBOX_PORT: '0', CHATTERBOX_DATA_DIR: dataDir, CHATTERBOX_MODEL: 'tiny', CHATTERBOX_MODEL_CACHE_DIR: args['cache-dir'], CHATTERBOX_DEVICES: 'cpu', CHATTERBOX_LOG_LEVEL: 'info' };
  const started = performance.now();
  const child = spawn(process.execPath, VARIANTS[variant]!, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'chatterbox listening') resolve(entry.port!);
      });
      child.once('exit', () => reject(new Error(`${variant}: server exited`)));
    });
    const url = `http://127.0.0.1:${port}`;
    while ((await fetch(`${url}/health/ready`)).status !== 200) await sleep(10);
    const readyMs = performance.now() - started;
    await sleep(Number(args['idle-seconds']) * 1000);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const rss = Number(/^process_resident_memory_bytes (\d+)/m.exec(metrics)?.[1]);
    return { variant, ready_ms: Math.round(readyMs), idle_rss_mib: Math.round((rss / MIB) * 10) / 10 };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run npm run build:server first`);
const runs: Run[] = [];
// Alternating, so machine load drifts affect both variants alike.
for (let i = 0; i < Number(args.runs); i += 1) {
  for (const variant of Object.keys(VARIANTS)) {
    const run = await measure(variant);
    runs.push(run);
    console.log(JSON.stringify(run));
  }
}
const summary = Object.fromEntries(
  Object.keys(VARIANTS).map((variant) => {
    const mine = runs.filter((run) => run.variant === variant);
    return [variant, { ready_ms: median(mine.map((run) => run.ready_ms)), idle_rss_mib: median(mine.map((run) => run.idle_rss_mib)) }];
  }),
);
console.log(JSON.stringify({ summary, runs: Number(args.runs), node: process.version }));

/**
 * Server benchmark over HTTP on loopback, against `server/main.ts` running as a child
 * process (so its RSS is the server's alone) on the tiny model:
 *   - submit latency p50/p99 (sequential) and sustained submits/s (concurrent clients);
 *   - status latency p50/p99 with idle workers and while every worker synthesizes;
 *   - server RSS idle, after half of the jobs and after all jobs (growth = leak check).
 * Prints a text summary and one JSON line. `--status-only` stops after the status phases (the
 * busy/idle comparison in a minute); `--worker-nice N` sets CHATTERBOX_WORKER_NICE. Usage:
 *   node --import tsx bench/server.bench.ts [--jobs 1000] [--devices cpu,cpu] [--status-requests 2000]
 *        [--concurrency 16] [--intra-op-threads 1] [--model tiny] [--cache-dir DIR] [--status-only] [--worker-nice N]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    jobs: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '4' },
    devices: { type: 'string', default: 'cpu,cpu' },
    'status-requests': { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    'intra-op-threads': { type: 'string', default: '1' },
    model: { type: 'string', default: 'tiny' },
    'cache-dir': { type: 'string', default: join(tmpdir(), 'chatterbox-test-models') },
    'status-only': { type: 'boolean', default: false },
    'worker-nice': { type: 'string' },
  },
});
const JOBS = Number(args.jobs);
/** Jobs run in rounds; RSS after each round shows whether memory settles or keeps growing. */
const ROUNDS = Number(args.rounds);
const STATUS_REQUESTS = Number(args['status-requests']);
const CONCURRENCY = Number(args.concurrency);
const SEQUENTIAL_SUBMITS = 200;
/** Long enough to keep a worker busy for the whole busy-status phase. */
const LONG_TEXT = Array.from(
  { length: 40 },
  (_, i) => `This is sentence number ${i + 1} of a long text.`,
).join(' ');
const MAIN = new URL('../server/main.ts', import.meta.url).pathname;
const MIB = 1024 * 1024;

interface Server {
  child: ChildProcess;
  url: string;
}

async function startServer(dataDir: string): Promise<Server> {
  const env = {
    ...process.env,
    CHATTERBOX_PORT: '0',
    CHATTERBOX_DATA_DIR: dataDir,
    CHATTERBOX_MODEL: args.model,
    CHATTERBOX_MODEL_CACHE_DIR: args['cache-dir'],
    CHATTERBOX_DEVICES: args.devices,
    CHATTERBOX_INTRA_OP_THREADS: args['intra-op-threads'],
    CHATTERBOX_LOG_LEVEL: 'warn',
    ...(args['worker-nice'] === undefined ? {} : { CHATTERBOX_WORKER_NICE: args['worker-nice'] }),
    CHATTERBOX_MAX_QUEUED_JOBS: String(JOBS * 2),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...env, CHATTERBOX_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as { msg?: string; port?: number };
      if (entry.msg === 'chatterbox listening') resolve(entry.port!);
    });
    child.once('exit', () => reject(new Error('server exited')));
  });
  const server = { child, url: `http://127.0.0.1:${port}` };
  while ((await fetch(`${server.url}/health/ready`)).status !== 200) await sleep(100);
  return server;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(values: number[]): { p50_ms: number; p99_ms: number; mean_ms: number } {
  const round = (value: number): number => Math.round(value * 1000) / 1000;
  return {
    p50_ms: round(percentile(values, 50)),
    p99_ms: round(percentile(values, 99)),
    mean_ms: round(values.reduce((a, b) => a + b, 0) / values.length),
  };
}

async function submit(server: Server, text: string): Promise<{ id: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${server.url}/tts/synthesize`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  const body = (await response.json()) as { chatterbox_id: string };
  const ms = performance.now() - started;
  if (response.status !== 202)
    throw new Error(`submit answered ${response.status}: ${JSON.stringify(body)}`);
  return { id: body.chatterbox_id, ms };
}

async function statusLatencies(server: Server, id: string, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    const response = await fetch(`${server.url}/tts/status/${id}`);
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
  }
  return latencies;
}

async function health(
  server: Server,
): Promise<{ workers: Array<{ state: string }>; queue: { depth: number } }> {
  return (await (await fetch(`${server.url}/health`)).json()) as {
    workers: Array<{ state: string }>;
    queue: { depth: number };
  };
}

/** Whole-process RSS (main thread and worker threads) and the main thread's JS heap, in MiB. */
async function memory(server: Server): Promise<{ rss: number; mainHeap: number }> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const read = (name: string): number => Math.round((Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1]) / MIB) * 10) / 10;
  return { rss: read('process_resident_memory_bytes'), mainHeap: read('nodejs_heap_size_used_bytes') };
}

async function waitForAllComplete(server: Server, expected: number): Promise<void> {
  for (;;) {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const done = Number(
      /^chatterbox_jobs_finished_total\{status="COMPLETE"\} (\d+)/m.exec(text)?.[1] ?? 0,
    );
    if (done >= expected) return;
    await sleep(500);
  }
}

async function busyStatusPhase(
  server: Server,
  probeId: string,
): Promise<{ latencies: number[]; allBusy: boolean }> {
  const workers = (await health(server)).workers.length;
  const long = await Promise.all(Array.from({ length: workers }, () => submit(server, LONG_TEXT)));
  while ((await health(server)).workers.some((worker) => worker.state !== 'busy')) await sleep(20);
  const latencies = await statusLatencies(server, probeId, STATUS_REQUESTS);
  const allBusy = (await health(server)).workers.every((worker) => worker.state === 'busy');
  await Promise.all(
    long.map((job) => fetch(`${server.url}/tts/jobs/${job.id}`, { method: 'DELETE' })),
  );
  return { latencies, allBusy };
}

async function submitPhase(
  server: Server,
  total: number,
): Promise<{ latencies: number[]; perSecond: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) {
        next += 1;
        latencies.push((await submit(server, `Job number ${next}.`)).ms);
      }
    }),
  );
  return {
    latencies,
    perSecond: Math.round((total / ((performance.now() - started) / 1000)) * 10) / 10,
  };
}

function machine() {
  return {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memory_gib: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
  };
}

function printStatus(idle: ReturnType<typeof summary>, busy: ReturnType<typeof summary>): void {
  console.log(`server: devices ${args.devices}, worker nice ${args['worker-nice'] ?? 'default'}`);
  console.log(
    `  status p50/p99 idle ${idle.p50_ms}/${idle.p99_ms} ms, every worker busy ${busy.p50_ms}/${busy.p99_ms} ms (p99 ${(busy.p99_ms / idle.p99_ms).toFixed(2)}x)`,
  );
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'chatterbox-bench-'));
  const server = await startServer(dataDir);
  try {
    await sleep(1000);
    const idleMemory = await memory(server);
    const probe = await submit(server, 'Probe.');
    await waitForAllComplete(server, 1);
    const idle = summary(await statusLatencies(server, probe.id, STATUS_REQUESTS));
    const busyPhase = await busyStatusPhase(server, probe.id);
    const busy = summary(busyPhase.latencies);
    if (args['status-only']) {
      printStatus(idle, busy);
      console.log(
        JSON.stringify({
          machine: machine(),
          devices: args.devices,
          worker_nice: args['worker-nice'] ?? 'default',
          status_latency_idle: idle,
          status_latency_busy: { ...busy, all_workers_busy_throughout: busyPhase.allBusy },
          busy_over_idle_p99: Math.round((busy.p99_ms / idle.p99_ms) * 100) / 100,
        }),
      );
      return;
    }
    const sequential: number[] = [];
    for (let i = 0; i < SEQUENTIAL_SUBMITS; i += 1)
      sequential.push((await submit(server, `Sequential ${i}.`)).ms);
    await waitForAllComplete(server, SEQUENTIAL_SUBMITS + 1);
    const concurrent: number[] = [];
    const rates: number[] = [];
    const rounds: Array<{ jobs: number; rss_mib: number; main_heap_mib: number; drain_s: number }> =
      [];
    const perRound = Math.floor((JOBS - SEQUENTIAL_SUBMITS) / ROUNDS);
    let finished = SEQUENTIAL_SUBMITS + 1;
    for (let round = 0; round < ROUNDS; round += 1) {
      const phase = await submitPhase(server, perRound);
      concurrent.push(...phase.latencies);
      rates.push(phase.perSecond);
      const drainStarted = performance.now();
      finished += perRound;
      await waitForAllComplete(server, finished);
      const { rss, mainHeap } = await memory(server);
      rounds.push({
        jobs: finished - 1,
        rss_mib: rss,
        main_heap_mib: mainHeap,
        drain_s: Math.round((performance.now() - drainStarted) / 100) / 10,
      });
    }
    const last = rounds.at(-1)!;
    const middle = rounds[Math.floor(rounds.length / 2) - 1] ?? rounds[0]!;
    printStatus(idle, busy);
    console.log(
      `submit p50/p99 ${summary(sequential).p50_ms}/${summary(sequential).p99_ms} ms; RSS by round ${rounds.map((r) => r.rss_mib).join(' -> ')} MiB`,
    );
    console.log(
      JSON.stringify({
        machine: machine(),
        model: args.model,
        devices: args.devices,
        intra_op_threads: Number(args['intra-op-threads']),
        jobs: finished - 1,
        submit_latency_sequential: summary(sequential),
        submit_latency_concurrent: { concurrency: CONCURRENCY, ...summary(concurrent) },
        submits_per_second: Math.round((rates.reduce((a, b) => a + b, 0) / rates.length) * 10) / 10,
        status_latency_idle: idle,
        status_latency_busy: { ...busy, all_workers_busy_throughout: busyPhase.allBusy },
        busy_over_idle_p99: Math.round((busy.p99_ms / idle.p99_ms) * 100) / 100,
        busy_over_idle_p50: Math.round((busy.p50_ms / idle.p50_ms) * 100) / 100,
        memory_idle: { rss_mib: idleMemory.rss, main_heap_mib: idleMemory.mainHeap },
        memory_by_round: rounds,
        rss_growth_second_half_mib: Math.round((last.rss_mib - middle.rss_mib) * 10) / 10,
      }),
    );
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();

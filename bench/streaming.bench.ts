/**
 * Streaming benchmark: how soon the first audio arrives compared with the whole synthesis.
 * Starts the real service in-process (port 0, temp data dir) and, for each run, measures over
 * HTTP on loopback:
 *   - POST /v1/audio/speech (stream_format "audio"): time to first audio byte, total time;
 *   - the same with stream_format "sse": time to the first speech.audio.delta event;
 *   - POST /tts/synthesize then GET /tts/audio/:id?stream=1: time to first byte, total;
 *   - the polling baseline: submit, poll status until COMPLETE, download.
 * For the first path it also breaks the wait for the first audio down, from the job events
 * seen in-process: request -> job PROCESSING (HTTP, submit, queue hand-off), -> first chunk
 * published (worker: text front end, first chunk's synthesis, hand-back), -> first byte at the
 * client (encoder, HTTP); and the median time between chunks (one chunk's synthesis).
 * Prints a text summary and one JSON line (machine, model, format, medians in ms, ratios).
 *
 * Usage: node --import tsx bench/streaming.bench.ts [--model tiny-slow|tiny|q4|...] [--format pcm|mp3|wav|...]
 *        [--sentences N] [--runs N] [--devices cpu,cpu|cuda:0] [--cache-dir DIR]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config/load-config.ts';
import { start, type RunningServer } from '../server/main.ts';
import { createLogger } from '../server/shared/logger.ts';

const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: 'tiny-slow' },
    format: { type: 'string', default: 'pcm' },
    sentences: { type: 'string', default: '12' },
    runs: { type: 'string', default: '3' },
    devices: { type: 'string' },
    'cache-dir': { type: 'string', default: join(tmpdir(), 'chatterbox-test-models') },
  },
});
const RUNS = Number(args.runs);
const SENTENCES = [
  'The morning train left the station on time.',
  'Passengers settled into their seats with coffee.',
  'Outside, the fields were still covered in a light frost.',
  'A conductor walked slowly through the carriages.',
  'Somewhere a child laughed at a dog on the platform.',
  'By noon the city skyline appeared on the horizon.',
];
/** N sentences (12 by default): N chunks, so the first one is a small part of the whole. */
const TEXT = Array.from(
  { length: Number(args.sentences) },
  (_, i) => SENTENCES[i % SENTENCES.length],
).join(' ');
const POLL_MS = 20;

interface Timing {
  firstMs: number;
  totalMs: number;
  bytes: number;
}

async function readTimed(response: Response, started: number): Promise<Timing> {
  if (!response.ok || response.body === null)
    throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  const reader = response.body.getReader();
  let firstMs = Number.NaN;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (Number.isNaN(firstMs)) firstMs = performance.now() - started;
    bytes += value.length;
  }
  return { firstMs, totalMs: performance.now() - started, bytes };
}

function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** Job event times (performance.now()) seen on the in-process bus, by job id. */
interface JobMarks {
  processing?: number;
  chunks: number[];
}
const marks = new Map<string, JobMarks>();

interface Breakdown {
  handoffMs: number;
  firstChunkMs: number;
  deliveryMs: number;
  betweenChunksMs: number;
}
const breakdowns: Breakdown[] = [];

function watch(bus: RunningServer['bus']): void {
  bus.subscribeAll((event) => {
    const mark = marks.get(event.jobId) ?? { chunks: [] };
    marks.set(event.jobId, mark);
    if (event.type === 'status' && event.status === 'PROCESSING')
      mark.processing ??= performance.now();
    if (event.type === 'chunk') mark.chunks.push(performance.now());
  });
}

async function speech(base: string, streamFormat: 'audio' | 'sse'): Promise<Timing> {
  const started = performance.now();
  const body = {
    model: 'tts-1',
    voice: 'default',
    input: TEXT,
    response_format: args.format,
    stream_format: streamFormat,
    seed: 1,
  };
  const response = await post(`${base}/v1/audio/speech`, body);
  const timing = await readTimed(response, started);
  const mark = marks.get(response.headers.get('x-chatterbox-id') ?? '');
  if (streamFormat === 'audio' && mark?.processing !== undefined && mark.chunks.length > 0) {
    const gaps = mark.chunks.slice(1).map((t, i) => t - mark.chunks[i]!);
    breakdowns.push({
      handoffMs: mark.processing - started,
      firstChunkMs: mark.chunks[0]! - mark.processing,
      deliveryMs: started + timing.firstMs - mark.chunks[0]!,
      betweenChunksMs: gaps.length > 0 ? median(gaps) : Number.NaN,
    });
  }
  return timing;
}

async function submit(base: string): Promise<string> {
  const response = await post(`${base}/tts/synthesize`, {
    text: TEXT,
    format: args.format,
    seed: 1,
  });
  return ((await response.json()) as { chatterbox_id: string }).chatterbox_id;
}

async function jobStream(base: string): Promise<Timing> {
  const started = performance.now();
  const id = await submit(base);
  return readTimed(await fetch(`${base}/tts/audio/${id}?stream=1`), started);
}

async function polling(base: string): Promise<Timing> {
  const started = performance.now();
  const id = await submit(base);
  for (;;) {
    const status = (await (await fetch(`${base}/tts/status/${id}`)).json()) as { status: string };
    if (status.status === 'COMPLETE') break;
    if (status.status !== 'QUEUED' && status.status !== 'PROCESSING')
      throw new Error(`job ${id} ${status.status}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return readTimed(await fetch(`${base}/tts/audio/${id}`), started);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function summary(timings: Timing[]) {
  const firstMs = Math.round(median(timings.map((timing) => timing.firstMs)));
  const totalMs = Math.round(median(timings.map((timing) => timing.totalMs)));
  return {
    firstMs,
    totalMs,
    firstOverTotal: Number((firstMs / totalMs).toFixed(3)),
    bytes: timings[0]!.bytes,
  };
}

async function measure(
  base: string,
  run: (base: string) => Promise<Timing>,
): Promise<ReturnType<typeof summary>> {
  await run(base); // warm-up: voice conditioning, codec WASM, JIT
  const timings: Timing[] = [];
  for (let index = 0; index < RUNS; index += 1) timings.push(await run(base));
  return summary(timings);
}

function medianBreakdown(all: Breakdown[]): Breakdown {
  const pick = (key: keyof Breakdown) => Math.round(median(all.map((b) => b[key])));
  return {
    handoffMs: pick('handoffMs'),
    firstChunkMs: pick('firstChunkMs'),
    deliveryMs: pick('deliveryMs'),
    betweenChunksMs: pick('betweenChunksMs'),
  };
}

function printSummary(r: {
  model: string;
  format: string;
  sentences: number;
  runs: number;
  firstAudioBreakdown: Breakdown;
  [path: string]: unknown;
}): void {
  console.log(
    `streaming: model ${r.model}, ${r.format}, ${r.sentences} sentences, median of ${r.runs} runs`,
  );
  for (const path of ['openaiAudio', 'openaiSse', 'jobStream', 'pollingBaseline']) {
    const t = r[path] as ReturnType<typeof summary>;
    console.log(
      `  ${path.padEnd(16)} first ${String(t.firstMs).padStart(6)} ms  total ${String(t.totalMs).padStart(6)} ms  ratio ${t.firstOverTotal}`,
    );
  }
  const b = r.firstAudioBreakdown;
  console.log(
    `  first audio (openaiAudio): request->PROCESSING ${b.handoffMs} ms, ->first chunk ${b.firstChunkMs} ms, ->first byte ${b.deliveryMs} ms; one chunk ~${b.betweenChunksMs} ms`,
  );
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'chatterbox-bench-'));
  const env = {
    CHATTERBOX_PORT: '0',
    CHATTERBOX_DATA_DIR: dataDir,
    CHATTERBOX_MODEL: args.model,
    CHATTERBOX_MODEL_CACHE_DIR: args['cache-dir'],
    CHATTERBOX_LOG_LEVEL: 'warn',
    ...(args.devices ? { CHATTERBOX_DEVICES: args.devices } : {}),
  };
  const { config } = loadConfig(env);
  let server: RunningServer | undefined;
  try {
    server = await start({ config, logger: createLogger(config.logLevel) });
    await server.ready;
    watch(server.bus);
    const result = {
      machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
      model: args.model,
      format: args.format,
      runs: RUNS,
      sentences: TEXT.split('. ').length,
      openaiAudio: await measure(server.url, (base) => speech(base, 'audio')),
      openaiSse: await measure(server.url, (base) => speech(base, 'sse')),
      jobStream: await measure(server.url, jobStream),
      pollingBaseline: await measure(server.url, polling),
      firstAudioBreakdown: medianBreakdown(breakdowns.slice(1)),
    };
    printSummary(result);
    console.log(JSON.stringify(result));
  } finally {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();

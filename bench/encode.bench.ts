/**
 * Output-format encoding benchmark: for each format, speed in multiples of real time (audio
 * seconds per wall second) for a one-shot encode and for a stream fed in sentence-sized
 * pushes, the wall time until a new stream returns its first bytes (includes loading the codec:
 * WASM instantiation, and for aac/flac a worker thread), and the output bit rate.
 * Input: a synthetic speech-like 24 kHz mono signal (the same generator as the tests).
 * Last, the event loop's longest stall while a download is converted (wav -> mp3, as for
 * ?format=mp3): in-process, against the conversion pool the service uses.
 *
 * Usage: node --import tsx bench/encode.bench.ts [--seconds 60] [--push-seconds 2.5] [--runs 3] [--json]
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { ConversionPool } from '../server/audio/conversion/conversion-pool.ts';
import { convertAudio, type ConversionTask } from '../server/audio/conversion/convert-audio.ts';
import { createStreamEncoder, encode, FORMAT_DESCRIPTORS } from '../server/audio/encoders/formats.ts';
import type { AudioFormat } from '../server/shared/audio-format.ts';
import { SAMPLE_RATE_HZ } from '../server/shared/audio-constants.ts';
import { speechLikeSignal } from '../test/server/audio/encoders/test-signals.ts';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    'push-seconds': { type: 'string', default: '2.5' },
    runs: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});
const SECONDS = Number(args.seconds);
const PUSH_SAMPLES = Math.round(Number(args['push-seconds']) * SAMPLE_RATE_HZ);
const RUNS = Number(args.runs);
const INPUT = speechLikeSignal(SECONDS);

interface FormatResult {
  format: AudioFormat;
  oneShotMs: number;
  oneShotRealTime: number;
  streamMs: number;
  streamRealTime: number;
  firstBytesMs: number;
  kbps: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeOneShot(format: AudioFormat): Promise<{ ms: number; bytes: number }> {
  const start = performance.now();
  const bytes = await encode(INPUT, format);
  return { ms: performance.now() - start, bytes: bytes.length };
}

/** Whole stream in sentence-sized pushes; also the time until the first push returned bytes. */
async function timeStream(format: AudioFormat): Promise<{ ms: number; firstBytesMs: number }> {
  const start = performance.now();
  const encoder = createStreamEncoder(format);
  let firstBytesMs = Number.NaN;
  for (let offset = 0; offset < INPUT.length; offset += PUSH_SAMPLES) {
    const bytes = await encoder.push(INPUT.subarray(offset, offset + PUSH_SAMPLES));
    if (bytes.length > 0 && Number.isNaN(firstBytesMs)) firstBytesMs = performance.now() - start;
  }
  await encoder.end();
  return { ms: performance.now() - start, firstBytesMs };
}

async function benchFormat(format: AudioFormat): Promise<FormatResult> {
  await timeOneShot(format); // warm-up: module load, JIT, WASM compilation
  const oneShot: number[] = [];
  const stream: number[] = [];
  const firstBytes: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const single = await timeOneShot(format);
    oneShot.push(single.ms);
    bytes = single.bytes;
    const streamed = await timeStream(format);
    stream.push(streamed.ms);
    firstBytes.push(streamed.firstBytesMs);
  }
  const oneShotMs = median(oneShot);
  const streamMs = median(stream);
  return {
    format,
    oneShotMs,
    oneShotRealTime: (SECONDS * 1000) / oneShotMs,
    streamMs,
    streamRealTime: (SECONDS * 1000) / streamMs,
    firstBytesMs: median(firstBytes),
    kbps: (bytes * 8) / SECONDS / 1000,
  };
}

interface StallResult {
  ms: number;
  /** Longest time the event loop could not run anything else (a status request would wait this long). */
  maxStallMs: number;
}

async function timeStall(convert: (task: ConversionTask) => Promise<Uint8Array>, wav: Uint8Array): Promise<StallResult> {
  // A 1 ms ticker: the longest gap between its ticks is the longest stall.
  let lastTick = performance.now();
  let maxStallMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxStallMs = Math.max(maxStallMs, now - lastTick);
    lastTick = now;
  }, 1);
  const start = performance.now();
  await convert({ source: wav.slice(), from: 'wav', to: 'mp3' });
  const ms = performance.now() - start;
  await new Promise((resolve) => setTimeout(resolve, 5)); // lets the ticker see a stall that just ended
  clearInterval(ticker);
  return { ms, maxStallMs };
}

async function benchConversionStall(): Promise<{ inProcess: StallResult; pool: StallResult }> {
  const wav = await encode(INPUT, 'wav');
  const pool = new ConversionPool();
  await timeStall(pool.convert, wav); // warm-up: thread start, codec load
  const result = { inProcess: await timeStall(convertAudio, wav), pool: await timeStall(pool.convert, wav) };
  await pool.close();
  return result;
}

async function main(): Promise<void> {
  const results: FormatResult[] = [];
  for (const { format } of FORMAT_DESCRIPTORS) results.push(await benchFormat(format));
  const stall = await benchConversionStall();
  const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version, load1: loadavg()[0] };
  if (args.json) {
    console.log(JSON.stringify({ seconds: SECONDS, pushSamples: PUSH_SAMPLES, runs: RUNS, machine, results, conversionStall: stall }));
    return;
  }
  console.log(`${SECONDS} s of 24 kHz mono, median of ${RUNS} runs, pushes of ${PUSH_SAMPLES} samples`);
  console.log(`${machine.cpu} x${machine.cores}, Node ${machine.node}, load ${machine.load1.toFixed(2)}`);
  console.log('format  one-shot ms   x real time   stream ms   x real time   first bytes ms   kbit/s');
  for (const r of results) {
    const cells = [
      r.format.padEnd(6),
      r.oneShotMs.toFixed(0).padStart(11),
      r.oneShotRealTime.toFixed(0).padStart(13),
      r.streamMs.toFixed(0).padStart(11),
      r.streamRealTime.toFixed(0).padStart(13),
      r.firstBytesMs.toFixed(1).padStart(16),
      r.kbps.toFixed(1).padStart(8),
    ];
    console.log(cells.join(' '));
  }
  const { inProcess, pool } = stall;
  console.log(`download conversion wav -> mp3: in-process ${inProcess.ms.toFixed(0)} ms, event loop stalled up to ${inProcess.maxStallMs.toFixed(0)} ms`);
  console.log(`                                 conversion pool ${pool.ms.toFixed(0)} ms, event loop stalled up to ${pool.maxStallMs.toFixed(0)} ms (${(inProcess.maxStallMs / pool.maxStallMs).toFixed(0)}x shorter)`);
}

void main();

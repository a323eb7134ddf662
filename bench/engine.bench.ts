/**
 * Engine benchmark.
 * 1. Engine cost per generated token: wall time of the full generation loop (embedding,
 *    CFG batch 2, repetition penalty, temperature, min_p, top_p, sampling over the 8194-wide
 *    vocabulary, KV feedback, runaway check) minus the time spent inside onnxruntime's `run`
 *    on the same graphs. Also compared with a bare loop that only runs the graphs.
 *    The same in CPU time (process.cpuUsage, all threads): on a loaded machine wall time counts
 *    the time other processes hold the core, CPU time does not. Use --threads 1 so that
 *    onnxruntime computes on the calling thread and the two figures compare.
 * 2. Sampler alone: one TokenSampler.next over two 8194-wide rows.
 * 3. Real-time factor of whole syntheses for the configured model (compute s / audio s).
 *
 * Usage: node --import tsx bench/engine.bench.ts [--model tiny|tiny-slow|q4|q4f16|fp16|fp32|/abs/path] [--variant fp32|…]
 *        [--device cpu|cuda:0] [--threads N] [--cache-dir DIR] [--runs N]
 */
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  HIDDEN_SIZE,
  SPEECH_VOCAB_SIZE,
  TOKENS,
  pastKeyValueNames,
  presentNames,
  type ModelVariant,
} from '../models/contract.ts';
import { resolveModel } from '../models/resolve.ts';
import {
  loadChatterboxSessions,
  type ChatterboxSessions,
} from '../server/engine/chatterbox/chatterbox-sessions.ts';
import { SpeechGenerator } from '../server/engine/chatterbox/speech-generator.ts';
import {
  readConditioningFile,
  type VoiceConditioning,
} from '../server/engine/chatterbox/voice-conditioning.ts';
import { createEngine, type Device } from '../server/engine/index.ts';
import { tensor, type Tensor } from '../server/engine/onnx/session.ts';
import { createSeededRandom } from '../server/engine/sampling/seeded-random.ts';
import { TokenSampler } from '../server/engine/sampling/token-sampler.ts';
import { DEFAULT_GENERATION_PARAMS } from '../server/shared/generation.ts';
import { prepareSpeech } from '../server/text/index.ts';
import { countRunCpu, cpuMsSince } from './cpu-time.ts';

const { values: args } = parseArgs({
  options: {
    model: { type: 'string', default: 'tiny' },
    device: { type: 'string', default: 'cpu' },
    threads: { type: 'string', default: '0' },
    'cache-dir': { type: 'string', default: join(tmpdir(), 'chatterbox-bench-models') },
    runs: { type: 'string', default: '10' },
    variant: { type: 'string' },
  },
});
const device = args.device as Device;
const threads = Number(args.threads);
const runs = Number(args.runs);
/** Full sampling with every step active (top_p < 1 so the nucleus sort runs too). */
const SAMPLING = { ...DEFAULT_GENERATION_PARAMS, topP: 0.95, seed: 1 };
const BENCH_TEXT = 'The quick brown fox jumps over the lazy dog near the river bank.';

interface BenchResult {
  machine: { cpu?: string; cores: number; node: string };
  model: string;
  variant: string;
  device: string;
  tokens: number;
  loopMsPerToken: number;
  runMsPerToken: number;
  engineMsPerToken: number;
  /** Median over runs: robust to other processes stealing the CPU during one run. */
  medianEngineMsPerToken: number;
  /** CPU time outside session.run per token, median over runs (robust to a loaded machine). */
  medianEngineCpuMsPerToken: number;
  /** CPU time inside session.run per token, median over runs. */
  medianRunCpuMsPerToken: number;
  /** Engine CPU share of a step: engine / (engine + run). */
  engineShare: number;
  /** Wall time of garbage-collection phases per token during the loop (inside run too; approximate). */
  gcMsPerToken: number;
  bareLoopMsPerToken: number;
  loopMinusBareMsPerToken: number;
  samplerMicrosPerCall: number;
  realTimeFactor: number;
  audioSeconds: number;
  computeSeconds: number;
}

type Model = Awaited<ReturnType<typeof resolveModel>>;
type Engine = Awaited<ReturnType<typeof createEngine>>;
let model: Model;
let engine: Engine;
let voice: { id: string; conditioningPath: string };
let conditioning: VoiceConditioning;

async function main(): Promise<void> {
  const resolved = await resolveModel({ model: args.model, cacheDir: args['cache-dir'] });
  model = { ...resolved, variant: (args.variant as ModelVariant | undefined) ?? resolved.variant };
  engine = await createEngine({
    modelDir: model.dir,
    variant: model.variant,
    device,
    intraOpThreads: threads,
  });
  voice = {
    id: 'default',
    conditioningPath: join(args['cache-dir'], 'voices', `${model.name}.cond`),
  };
  await engine.prepareVoice(voice);
  const sessions = await loadChatterboxSessions(model.dir, model.variant, {
    device,
    intraOpThreads: threads,
  });
  conditioning = await conditioningFor();
  const [chunk] = await engine.text.encodeChunks(BENCH_TEXT, 'en');

  // Full and bare runs alternate, so both see the same load from other processes.
  const loop = await measureLoop(sessions, chunk!.ids);
  const bare = loop.bare;
  const samplerMicros = measureSampler();
  const rtf = await measureRealTimeFactor();

  const result: BenchResult = {
    machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
    model: model.name,
    variant: model.variant,
    device,
    tokens: loop.tokens,
    loopMsPerToken: loop.wallMs / loop.tokens,
    runMsPerToken: loop.runMs / loop.tokens,
    engineMsPerToken: (loop.wallMs - loop.runMs) / loop.tokens,
    medianEngineMsPerToken: loop.medianEngineMsPerToken,
    medianEngineCpuMsPerToken: loop.medianEngineCpuMsPerToken,
    medianRunCpuMsPerToken: loop.medianRunCpuMsPerToken,
    engineShare:
      loop.medianEngineCpuMsPerToken /
      (loop.medianEngineCpuMsPerToken + loop.medianRunCpuMsPerToken),
    gcMsPerToken: loop.gcMs / loop.tokens,
    bareLoopMsPerToken: bare.wallMs / bare.steps,
    loopMinusBareMsPerToken: loop.wallMs / loop.tokens - bare.wallMs / bare.steps,
    samplerMicrosPerCall: samplerMicros,
    realTimeFactor: rtf.computeSeconds / rtf.audioSeconds,
    audioSeconds: rtf.audioSeconds,
    computeSeconds: rtf.computeSeconds,
  };
  printSummary(result);
  console.log(JSON.stringify(result));
  await sessions.release();
  await engine.close();
}

/** The default voice as the engine prepared it (read back from its conditioning file). */
async function conditioningFor(): Promise<VoiceConditioning> {
  const cached = await readConditioningFile(voice.conditioningPath);
  if (!cached) throw new Error('voice conditioning was not cached');
  return cached;
}

async function measureLoop(s: ChatterboxSessions, ids: number[]) {
  const runCpu = { ms: 0 };
  countRunCpu([s.embedTokens, s.languageModel], runCpu);
  const generator = new SpeechGenerator(s.embedTokens, s.languageModel, {
    textPositionTable: s.textPositionTable,
    cfgMode: s.cfgMode,
  });
  const request = () => ({
    promptIds: ids,
    conditioning,
    exaggeration: SAMPLING.exaggeration,
    cfgWeight: SAMPLING.cfgWeight,
    maxNewTokens: SAMPLING.maxNewTokens,
    sampler: new TokenSampler(SAMPLING, createSeededRandom(SAMPLING.seed)),
  });
  await generator.generate(request()); // warm-up
  const gc = { ms: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gc.ms += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  let tokens = 0;
  let wallMs = 0;
  let runMs = 0;
  const enginePerToken: number[] = [];
  const engineCpuPerToken: number[] = [];
  const runCpuPerToken: number[] = [];
  const bare = { steps: 0, wallMs: 0 };
  for (let r = 0; r < runs; r++) {
    const runBefore = s.embedTokens.runMs + s.languageModel.runMs;
    const runCpuBefore = runCpu.ms;
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    const steps = (await generator.generate(request())).steps;
    const wall = performance.now() - started;
    const cpu = cpuMsSince(cpuStarted);
    engineCpuPerToken.push((cpu - (runCpu.ms - runCpuBefore)) / steps);
    runCpuPerToken.push((runCpu.ms - runCpuBefore) / steps);
    const inRun = s.embedTokens.runMs + s.languageModel.runMs - runBefore;
    tokens += steps;
    wallMs += wall;
    runMs += inRun;
    enginePerToken.push((wall - inRun) / steps);
    const gcBefore = gc.ms;
    const bareRun = await measureBareLoop(s, ids, steps, 1);
    gc.ms = gcBefore; // the bare loop's collections are not the engine's
    bare.steps += bareRun.steps;
    bare.wallMs += bareRun.wallMs;
  }
  observer.disconnect();
  return {
    tokens,
    gcMs: gc.ms,
    wallMs,
    runMs,
    medianEngineMsPerToken: median(enginePerToken),
    medianEngineCpuMsPerToken: median(engineCpuPerToken),
    medianRunCpuMsPerToken: median(runCpuPerToken),
    bare,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The graphs alone: prefill, then per step one embed run and one LM run feeding presents back; no sampling. */
async function measureBareLoop(
  s: ChatterboxSessions,
  ids: number[],
  stepsPerRun: number,
  bareRuns: number,
) {
  const batch = 2;
  const prompt = await s.embedTokens.run({
    input_ids: tensor('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]),
    position_ids: tensor(
      'int64',
      BigInt64Array.from(ids, (id, j) => BigInt(id >= TOKENS.speechCodeLimit ? 0 : j - 1)),
      [1, ids.length],
    ),
    exaggeration: tensor('float32', Float32Array.of(0.5), [1]),
  });
  const features = conditioning.audioFeatures.data as Float32Array;
  const row = new Float32Array(
    features.length + (prompt.inputs_embeds!.data as Float32Array).length,
  );
  row.set(features);
  row.set(prompt.inputs_embeds!.data as Float32Array, features.length);
  const prefill = new Float32Array(row.length * batch);
  prefill.set(row);
  prefill.set(row, row.length);
  const started = performance.now();
  let steps = 0;
  for (let r = 0; r < bareRuns; r++) {
    const kvFloat16 =
      s.languageModel.inputs.find((i) => i.name === pastKeyValueNames()[0])?.type === 'float16';
    const empty = () =>
      kvFloat16
        ? tensor('float16', new Uint16Array(0), [batch, 16, 0, 64])
        : tensor('float32', new Float32Array(0), [batch, 16, 0, 64]);
    let past: Record<string, Tensor> = Object.fromEntries(
      pastKeyValueNames().map((n) => [n, empty()]),
    );
    let inputs = tensor('float32', prefill, [batch, row.length / HIDDEN_SIZE, HIDDEN_SIZE]);
    let total = row.length / HIDDEN_SIZE;
    for (let step = 0; step < stepsPerRun; step++, steps++) {
      const out = await s.languageModel.run({
        inputs_embeds: inputs,
        attention_mask: tensor('int64', new BigInt64Array(batch * total).fill(1n), [batch, total]),
        ...past,
      });
      past = Object.fromEntries(pastKeyValueNames().map((n, i) => [n, out[presentNames()[i]!]!]));
      const next = await s.embedTokens.run({
        input_ids: tensor('int64', BigInt64Array.of(100n), [1, 1]),
        position_ids: tensor('int64', BigInt64Array.of(BigInt(step + 1)), [1, 1]),
        exaggeration: tensor('float32', Float32Array.of(0.5), [1]),
      });
      const one = next.inputs_embeds!.data as Float32Array;
      const both = new Float32Array(HIDDEN_SIZE * batch);
      both.set(one);
      both.set(one, HIDDEN_SIZE);
      inputs = tensor('float32', both, [batch, 1, HIDDEN_SIZE]);
      total++;
    }
  }
  return { steps, wallMs: performance.now() - started };
}

function measureSampler(): number {
  const random = createSeededRandom(3);
  const sampler = new TokenSampler(SAMPLING, random);
  const cond = Float32Array.from({ length: SPEECH_VOCAB_SIZE }, () => random() * 10);
  const uncond = Float32Array.from({ length: SPEECH_VOCAB_SIZE }, () => random() * 10);
  const seen = new Set(Array.from({ length: 200 }, (_, i) => i * 17));
  const calls = 2000;
  const started = performance.now();
  for (let i = 0; i < calls; i++) sampler.next(cond.slice(), uncond, seen);
  return ((performance.now() - started) * 1000) / calls;
}

async function measureRealTimeFactor() {
  const script = prepareSpeech(`${BENCH_TEXT} A second sentence follows the first one here.`, 'en');
  await engine.synthesize({ script, language: 'en', voice, params: SAMPLING }); // warm-up
  const started = performance.now();
  const result = await engine.synthesize({ script, language: 'en', voice, params: SAMPLING });
  return {
    computeSeconds: (performance.now() - started) / 1000,
    audioSeconds: result.samples.length / result.sampleRate,
  };
}

function printSummary(r: BenchResult): void {
  const f = (x: number) => x.toFixed(3);
  console.log(
    `model ${r.model} (${r.variant}) on ${r.device}, ${r.tokens} tokens, CFG batch 2, full sampling`,
  );
  console.log(`  full loop            ${f(r.loopMsPerToken)} ms/token`);
  console.log(`  inside session.run   ${f(r.runMsPerToken)} ms/token`);
  console.log(
    `  engine cost          ${f(r.engineMsPerToken)} ms/token mean, ${f(r.medianEngineMsPerToken)} median of ${runs} runs   (target <= 0.2)`,
  );
  console.log(
    `  engine cost, CPU     ${f(r.medianEngineCpuMsPerToken)} ms/token median (run ${f(r.medianRunCpuMsPerToken)} ms/token; engine share ${(100 * r.engineShare).toFixed(1)} %)`,
  );
  console.log(
    `  GC activity          ${f(r.gcMsPerToken)} ms/token (wall time of GC phases, inside run too; approximate)`,
  );
  console.log(
    `  bare run loop        ${f(r.bareLoopMsPerToken)} ms/token   (loop - bare = ${f(r.loopMinusBareMsPerToken)} ms/token)`,
  );
  console.log(
    `  sampler alone        ${r.samplerMicrosPerCall.toFixed(1)} us/call (2 x 8194 logits)`,
  );
  console.log(
    `  real-time factor     ${f(r.realTimeFactor)}  (${f(r.computeSeconds)} s for ${f(r.audioSeconds)} s of audio)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

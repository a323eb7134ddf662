/**
 * Real-size stand-in benchmark (see bench/real-size/): a language model with the real T3
 * dimensions and a decoder stand-in with an assumed cost per second of audio, random-free
 * constant weights, run through the real engine code.
 *   - per-token cost of the generation loop (CFG batch 2, full sampling), wall and CPU,
 *     and the engine's share (CPU outside session.run / all CPU of the step);
 *   - real-time factor of a whole synthesis (language model + decoder) of `--tokens` tokens;
 *   - memory: RSS after loading and the process's peak RSS.
 * Prints a text summary and one JSON line.
 *
 * Usage: node --import tsx bench/real-size.bench.ts [--tokens 24] [--layers 30] [--decoder-gflop 140]
 *        [--device cpu|cuda:0] [--threads N] [--cache-dir DIR]
 */
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadChatterboxSessions } from '../server/engine/chatterbox/chatterbox-sessions.ts';
import { SpeechGenerator } from '../server/engine/chatterbox/speech-generator.ts';
import { createEngine, type Device } from '../server/engine/index.ts';
import { createSeededRandom } from '../server/engine/sampling/seeded-random.ts';
import { TokenSampler } from '../server/engine/sampling/token-sampler.ts';
import { DEFAULT_GENERATION_PARAMS } from '../server/shared/generation.ts';
import { prepareSpeech } from '../server/text/index.ts';
import { countRunCpu, cpuMsSince } from './cpu-time.ts';
import { realSizeModelDir } from './real-size/generate.ts';

const { values: args } = parseArgs({
  options: {
    tokens: { type: 'string', default: '24' },
    layers: { type: 'string', default: '30' },
    'decoder-gflop': { type: 'string', default: '140' },
    device: { type: 'string', default: 'cpu' },
    threads: { type: 'string', default: '0' },
    'cache-dir': { type: 'string', default: join(tmpdir(), 'chatterbox-bench-models') },
  },
});
const TOKENS = Number(args.tokens);
const device = args.device as Device;
const threads = Number(args.threads);
const PARAMS = {
  ...DEFAULT_GENERATION_PARAMS,
  topP: 0.95,
  seed: 1,
  maxNewTokens: Math.max(16, TOKENS),
};
const TEXT = 'The quick brown fox jumps over the lazy dog.';
const MIB = 1024 * 1024;

async function main(): Promise<void> {
  const dir = await realSizeModelDir(args['cache-dir'], {
    layers: Number(args.layers),
    decoderGflopPerAudioSecond: Number(args['decoder-gflop']),
  });
  const loadStarted = performance.now();
  const engine = await createEngine({
    modelDir: dir,
    variant: 'fp32',
    device,
    intraOpThreads: threads,
  });
  const voice = {
    id: 'default',
    conditioningPath: join(args['cache-dir'], 'voices', 'real-size.cond'),
  };
  await engine.prepareVoice(voice);
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const rssLoadedMiB = process.memoryUsage().rss / MIB;

  // Whole synthesis (language model + decoder): the real-time factor.
  const synthStarted = performance.now();
  const result = await engine.synthesize({ script: prepareSpeech(TEXT, 'en'), language: 'en', voice, params: PARAMS });
  const computeSeconds = (performance.now() - synthStarted) / 1000;
  const audioSeconds = result.samples.length / result.sampleRate;
  await engine.close();

  // The loop alone, with CPU inside and outside session.run.
  const loop = await measureLoop(dir, voice.conditioningPath);
  const summary = {
    machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
    model: 'real-size stand-in (float32 weights)',
    layers: Number(args.layers),
    decoderGflopPerAudioSecond: Number(args['decoder-gflop']),
    device,
    loadSeconds,
    speechTokens: result.speechTokens,
    ...loop,
    realTimeFactor: computeSeconds / audioSeconds,
    computeSeconds,
    audioSeconds,
    rssLoadedMiB: Math.round(rssLoadedMiB),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  const f = (x: number) => x.toFixed(3);
  console.log(
    `real-size stand-in, ${summary.layers} layers, on ${device}: ${loop.steps} steps, CFG batch 2`,
  );
  console.log(
    `  per token            ${f(loop.msPerToken)} ms wall, ${f(loop.runCpuMsPerToken + loop.engineCpuMsPerToken)} ms CPU`,
  );
  console.log(
    `  engine (outside run) ${f(loop.engineCpuMsPerToken)} ms CPU per token, share ${(100 * loop.engineShare).toFixed(2)} %`,
  );
  console.log(
    `  real-time factor     ${f(summary.realTimeFactor)}  (${f(computeSeconds)} s for ${f(audioSeconds)} s of audio, ${result.speechTokens} tokens, decoder ${summary.decoderGflopPerAudioSecond} GFLOP/s assumed)`,
  );
  console.log(
    `  memory               ${summary.rssLoadedMiB} MiB RSS loaded, ${summary.peakRssMiB} MiB peak`,
  );
  console.log(JSON.stringify(summary));
}

async function measureLoop(dir: string, conditioningPath: string) {
  const { readConditioningFile } =
    await import('../server/engine/chatterbox/voice-conditioning.ts');
  const conditioning = (await readConditioningFile(conditioningPath))!;
  const sessions = await loadChatterboxSessions(dir, 'fp32', { device, intraOpThreads: threads });
  const runCpu = { ms: 0 };
  countRunCpu([sessions.embedTokens, sessions.languageModel], runCpu);
  const generator = new SpeechGenerator(sessions.embedTokens, sessions.languageModel, {
    textPositionTable: sessions.textPositionTable,
    cfgMode: sessions.cfgMode,
  });
  const engineText = await createEngineText(dir);
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  const generated = await generator.generate({
    promptIds: engineText,
    conditioning,
    exaggeration: PARAMS.exaggeration,
    cfgWeight: PARAMS.cfgWeight,
    maxNewTokens: PARAMS.maxNewTokens,
    sampler: new TokenSampler(PARAMS, createSeededRandom(PARAMS.seed)),
  });
  const wall = performance.now() - started;
  const cpu = cpuMsSince(cpuStarted);
  await sessions.release();
  const steps = generated.steps;
  const engineCpu = cpu - runCpu.ms;
  // The first step is the prefill; per-token figures include it, as a synthesis does.
  return {
    steps,
    msPerToken: wall / steps,
    runCpuMsPerToken: runCpu.ms / steps,
    engineCpuMsPerToken: engineCpu / steps,
    engineShare: engineCpu / cpu,
  };
}

async function createEngineText(dir: string): Promise<number[]> {
  const { TextFrontEnd } = await import('../server/engine/text/text-front-end.ts');
  const text = await TextFrontEnd.load(dir, { caseFold: false });
  const [chunk] = await text.encodeChunks(TEXT, 'en');
  return chunk!.ids;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * The first-contact check of a model folder (npm run models:verify, and briefly at start-up):
 * files, sizes, hashes, sidecars, the graph contract, the tokenizer's special ids, the text
 * position table, the decoder's seeded noise, then (not brief) the engine itself: the batch-2
 * probe and one short synthesis per language that must reach the stop token within its cap and
 * give audio that is neither silent nor clipped. Later steps are skipped once one fails.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphFile, type ModelVariant } from '../../../models/contract.ts';
import { prepareSeededDecoder } from '../../../models/prepare-decoder.ts';
import { checkFiles, checkSidecars, type Check } from '../../../models/verify-files.ts';
import { integratedLoudness } from '../../audio/loudness.ts';
import { LANGUAGE_CODES, type LanguageCode } from '../../shared/languages.ts';
import { DEFAULT_GENERATION_PARAMS } from '../../shared/generation.ts';
import { readTextPositionTable, readTextTableRows } from '../../engine/chatterbox/chatterbox-sessions.ts';
import { createEngine, type ChatterboxEngine } from '../../engine/index.ts';
import { validateModelDir } from '../../engine/model-validator.ts';
import { TextFrontEnd } from '../../engine/text/text-front-end.ts';
import { checkTokenizer } from '../../engine/text/tokenizer-check.ts';
import { prepareSpeech } from '../../text/index.ts';
import { SAMPLE_SENTENCES } from './sample-sentences.ts';

export type { Check } from '../../../models/verify-files.ts';

export interface VerifyOptions {
  dir: string;
  variant: ModelVariant;
  /** Hash every file (minutes for the real model the first time; remembered after). @defaultValue true */
  hashes?: boolean;
  /** Only the checks that need no onnxruntime session (start-up). @defaultValue false */
  brief?: boolean;
  /** Languages to synthesize. @defaultValue all 23 */
  languages?: readonly LanguageCode[];
  /** Where the default voice's conditioning is cached during the synthesis checks. @defaultValue the OS temp folder */
  workDir?: string;
}

/** The brief check the service runs at start-up: failures stop the engines, warnings are logged. */
export async function startupCheck(dir: string, variant: ModelVariant): Promise<{ failures: string[]; warnings: string[] }> {
  const checks = await verifyModel({ dir, variant, brief: true, hashes: false });
  const lines = (status: Check['status']) => checks.filter((c) => c.status === status).map((c) => `${c.name}: ${c.detail}`);
  return { failures: lines('fail'), warnings: lines('warn') };
}

/** A sample below this peak is silence; one at or above this sample value clips. */
const SILENT_PEAK = 1e-3;
const CLIPPING_SAMPLE = 0.999;

export async function verifyModel(options: VerifyOptions): Promise<Check[]> {
  const { dir, variant } = options;
  const checks = [...(await checkFiles(dir, variant, { hashes: options.hashes ?? true })), ...(await checkSidecars(dir, variant))];
  checks.push(...(await contractChecks(dir, variant)), ...(await tokenizerChecks(dir, variant)));
  checks.push(await positionTableCheck(dir, variant), await decoderNoiseCheck(dir));
  if (options.brief) return checks;
  if (checks.some((c) => c.status === 'fail')) return [...checks, { name: 'synthesis', status: 'skip', detail: 'not run: fix the failures above first' }];
  return [...checks, ...(await engineChecks(options))];
}

async function contractChecks(dir: string, variant: ModelVariant): Promise<Check[]> {
  try {
    await validateModelDir(dir, variant);
    return [{ name: 'contract', status: 'pass', detail: 'the four graphs have the expected inputs and outputs' }];
  } catch (error) {
    const problems = (error as { problems?: string[] }).problems ?? [(error as Error).message];
    return problems.map((detail) => ({ name: 'contract', status: 'fail', detail }));
  }
}

async function tokenizerChecks(dir: string, variant: ModelVariant): Promise<Check[]> {
  try {
    const text = await TextFrontEnd.load(dir);
    const { problems, warnings } = checkTokenizer(text.tokenizer, await readTextTableRows(join(dir, graphFile('embed_tokens', variant))));
    const check = (status: 'fail' | 'warn') => (detail: string) => ({ name: 'tokenizer', status, detail: detail.replace(/^tokenizer: /, '') });
    const checks: Check[] = [...problems.map(check('fail')), ...warnings.map(check('warn'))];
    if (problems.length === 0) checks.unshift({ name: 'tokenizer', status: 'pass', detail: '[START] 255, [STOP] 0, [SPACE] 2 and the 23 language tags are in place' });
    return checks;
  } catch (error) {
    return [{ name: 'tokenizer', status: 'fail', detail: `tokenizer.json cannot be loaded (${(error as Error).message})` }];
  }
}

async function positionTableCheck(dir: string, variant: ModelVariant): Promise<Check> {
  try {
    await readTextPositionTable(dir, join(dir, graphFile('embed_tokens', variant)));
    return { name: 'cfg row', status: 'pass', detail: 'text position table found in embed_tokens: the unconditional row is exact' };
  } catch (error) {
    return { name: 'cfg row', status: 'fail', detail: (error as { problems?: string[] }).problems?.join('; ') ?? (error as Error).message };
  }
}

async function decoderNoiseCheck(dir: string): Promise<Check> {
  try {
    const decoder = await prepareSeededDecoder(dir);
    if (decoder.reproducible) return { name: 'decoder noise', status: 'pass', detail: `same seed, same audio (${decoder.path.slice(dir.length + 1)})` };
    return { name: 'decoder noise', status: 'warn', detail: `only the tokens repeat for a seed, not the audio: ${decoder.reason}` };
  } catch (error) {
    return { name: 'decoder noise', status: 'fail', detail: `the decoder cannot be read (${(error as Error).message})` };
  }
}

async function engineChecks(options: VerifyOptions): Promise<Check[]> {
  let engine: ChatterboxEngine;
  try {
    engine = await createEngine({ modelDir: options.dir, variant: options.variant });
  } catch (error) {
    return [{ name: 'engine', status: 'fail', detail: `the model does not load: ${(error as Error).message}` }];
  }
  try {
    const batched = engine.runtime.cfgMode === 'batch';
    const checks: Check[] = [
      { name: 'batch 2', status: batched ? 'pass' : 'warn', detail: batched ? 'the language model runs both CFG rows in one call' : 'the language model is fixed at batch 1: CFG runs as two calls' },
    ];
    for (const language of options.languages ?? LANGUAGE_CODES) checks.push(await synthesisCheck(engine, language, options.workDir ?? tmpdir()));
    return checks;
  } finally {
    await engine.close();
  }
}

async function synthesisCheck(engine: ChatterboxEngine, language: LanguageCode, workDir: string): Promise<Check> {
  const name = `synthesis ${language}`;
  try {
    const voice = { id: 'default', conditioningPath: join(workDir, `models-verify-${process.pid}-default.cond`) };
    const result = await engine.synthesize({ script: prepareSpeech(SAMPLE_SENTENCES[language], language), language, voice, params: { ...DEFAULT_GENERATION_PARAMS, seed: 1 } });
    const reasons = engine.stats.lastStopReasons;
    let peak = 0;
    let clipped = 0;
    for (const s of result.samples) {
      peak = Math.max(peak, Math.abs(s));
      if (Math.abs(s) >= CLIPPING_SAMPLE) clipped++;
    }
    const seconds = (result.samples.length / result.sampleRate).toFixed(2);
    const summary = `${result.speechTokens} tokens, ${seconds} s, peak ${peak.toFixed(3)}, ${integratedLoudness(result.samples, result.sampleRate).toFixed(1)} LUFS`;
    if (reasons.some((r) => r !== 'stop_token')) return { name, status: 'fail', detail: `did not reach the stop token (${reasons.join(', ')}): ${summary}` };
    if (peak < SILENT_PEAK) return { name, status: 'fail', detail: `silent: ${summary}` };
    if (clipped > 0) return { name, status: 'fail', detail: `${clipped} clipped samples: ${summary}` };
    return { name, status: 'pass', detail: `stop token reached: ${summary}` };
  } catch (error) {
    return { name, status: 'fail', detail: (error as Error).message };
  }
}

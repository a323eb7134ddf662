/**
 * Engine entry point: validates the model folder, loads the sessions and the text
 * front-end, and returns a ready TtsEngine.
 */
import { access, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { TINY_DEFAULT_VARIANT, TINY_MARKER_FILE, graphFile, type ModelVariant } from '../../models/contract.ts';
import { DEFAULT_TARGET_LUFS } from '../audio/loudness.ts';
import { ChatterboxEngine } from './chatterbox/chatterbox-engine.ts';
import { loadChatterboxSessions, readTextTableRows } from './chatterbox/chatterbox-sessions.ts';
import { ModelContractError } from '../shared/errors/model-contract-error.ts';
import { checkTokenizer } from './text/tokenizer-check.ts';
import { validateModelDir } from './model-validator.ts';
import { TextFrontEnd } from './text/text-front-end.ts';
import type { EngineOptions } from './tts-engine.ts';

export { ChatterboxEngine, type EngineStats } from './chatterbox/chatterbox-engine.ts';
export { validateModelDir } from './model-validator.ts';
export { TextFrontEnd, type EncodedChunk } from './text/text-front-end.ts';
export { splitIntoChunks } from '../text/index.ts';
export type * from './tts-engine.ts';

const DEFAULT_VARIANT: ModelVariant = 'q4';
const DEFAULT_VOICE_CACHE_SIZE = 16;

export async function createEngine(options: EngineOptions): Promise<ChatterboxEngine> {
  const dir = options.modelDir;
  const variant = await effectiveVariant(dir, options.variant ?? DEFAULT_VARIANT);
  await validateModelDir(dir, variant);
  const device = options.device ?? 'cpu';
  const text = await TextFrontEnd.load(dir, { caseFold: options.caseFoldText ?? false });
  const { problems } = checkTokenizer(text.tokenizer, await readTextTableRows(join(dir, graphFile('embed_tokens', variant))));
  if (problems.length > 0) throw new ModelContractError(`The tokenizer in ${dir} does not fit the model`, { problems });
  const sessions = await loadChatterboxSessions(dir, variant, { device, intraOpThreads: options.intraOpThreads ?? 0 });
  const name = `${await modelName(dir)}/${variant}`;
  return new ChatterboxEngine({ model: name, device }, dir, sessions, text, {
    voiceCacheSize: options.voiceCacheSize ?? DEFAULT_VOICE_CACHE_SIZE,
    outputLoudnessLufs: options.outputLoudnessLufs === undefined ? DEFAULT_TARGET_LUFS : options.outputLoudnessLufs,
    stopRules: { stopOnRepeatedToken: options.stopOnRepeatedToken ?? true },
  });
}

/** Tiny folders hold fp32, fp16 and q4f16 language models; other variants fall back to the tiny default. */
async function effectiveVariant(dir: string, requested: ModelVariant): Promise<ModelVariant> {
  if (!(await exists(join(dir, TINY_MARKER_FILE)))) return requested;
  return (await exists(join(dir, graphFile('language_model', requested)))) ? requested : TINY_DEFAULT_VARIANT;
}

async function modelName(dir: string): Promise<string> {
  const marker = await readFile(join(dir, TINY_MARKER_FILE), 'utf8').catch(() => undefined);
  return marker ? (JSON.parse(marker) as { name: string }).name : basename(dir);
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

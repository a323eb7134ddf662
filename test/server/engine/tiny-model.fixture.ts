/**
 * Shared test fixture: the tiny model generated once into the OS temp folder (deterministic,
 * atomic, so test files running in parallel share it safely), and default request params.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveModel, type ResolvedModel } from '../../../models/resolve.ts';
import { TINY_GENERATOR_VERSION } from '../../../models/tiny/generate.ts';
import { splitIntoChunks } from '../../../server/text/index.ts';
import { DEFAULT_GENERATION_PARAMS, type GenerationParams } from '../../../server/shared/generation.ts';
import type { LanguageCode } from '../../../server/shared/languages.ts';
import type { SpeechScript } from '../../../server/text/speech-script.ts';

/** Versioned, so checkouts with another generator version (other branches on the same machine) never regenerate each other's folder. */
export const TEST_MODEL_CACHE = join(tmpdir(), `chatterbox-test-models-v${TINY_GENERATOR_VERSION}`);

export function tinyModel(name: 'tiny' | 'tiny-slow' = 'tiny'): Promise<ResolvedModel> {
  return resolveModel({ model: name, cacheDir: TEST_MODEL_CACHE });
}

export function params(overrides: Partial<GenerationParams> = {}): GenerationParams {
  return { ...DEFAULT_GENERATION_PARAMS, seed: 42, ...overrides };
}

/** The pause between sentences in sentenceScript (the engine's fixed pause before the text stage). */
export const SENTENCE_PAUSE_MS = 200;

/** Plain sentences as a script, without the text stage: the engine tests speak exactly what they wrote. */
export function sentenceScript(text: string, language: LanguageCode = 'en'): SpeechScript {
  const chunks = splitIntoChunks(text, language).map((sentence) => ({ source: sentence, spoken: sentence, fragment: false, pauseAfterMs: SENTENCE_PAUSE_MS }));
  return { language, leadingPauseMs: 0, chunks };
}

/**
 * Shared test fixture: the tiny model generated once into the OS temp folder (deterministic,
 * atomic, so test files running in parallel share it safely), and default request params.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
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

export interface TinyModelCopies {
  /** The shared tiny model folder (read only). */
  readonly tinyDir: string;
  /** A scratch folder of the test file's own. */
  readonly work: string;
  /** A copy of the tiny model in the scratch folder, for a test to break. */
  copyOfTiny(name: string): Promise<string>;
}

/** The tiny model and a scratch folder, ready before the file's tests; the folder is removed after them. */
export function useTinyModelCopies(scratchPrefix: string): TinyModelCopies {
  const state = { tinyDir: '', work: '' };
  before(async () => {
    state.tinyDir = (await tinyModel()).dir;
    state.work = await mkdtemp(join(tmpdir(), scratchPrefix));
  });
  after(() => rm(state.work, { recursive: true, force: true }));
  return {
    get tinyDir() {
      return state.tinyDir;
    },
    get work() {
      return state.work;
    },
    async copyOfTiny(name) {
      const dir = join(state.work, name);
      await cp(state.tinyDir, dir, { recursive: true });
      return dir;
    },
  };
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

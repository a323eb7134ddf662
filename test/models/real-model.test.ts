/**
 * Runs only with the real weights: CHATTERBOX_REAL_MODEL_DIR=/path/to/chatterbox-multilingual-ONNX@…
 * (optionally CHATTERBOX_REAL_MODEL_VARIANT=q4|q4f16|fp16|fp32). Checks the folder against the
 * contract, synthesizes a sentence in English and Chinese, and checks that a seed reproduces the
 * audio byte for byte (the decoder's own noise is seeded). `npm run models:verify` checks more.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ModelVariant } from '../../models/contract.ts';
import { createEngine } from '../../server/engine/index.ts';
import { validateModelDir } from '../../server/engine/model-validator.ts';
import { DEFAULT_GENERATION_PARAMS } from '../../server/shared/generation.ts';
import { realModelSkip } from '../support/requirements.ts';
import { prepareSpeech } from '../../server/text/index.ts';

const dir = process.env.CHATTERBOX_REAL_MODEL_DIR;
const variant = (process.env.CHATTERBOX_REAL_MODEL_VARIANT ?? 'q4') as ModelVariant;

describe('real Chatterbox Multilingual weights', { skip: realModelSkip() }, () => {
  it('matches the graph contract', async () => {
    await validateModelDir(dir!, variant);
  });

  it('gives byte-identical audio for the same seed', { timeout: 600_000 }, async () => {
    const work = await mkdtemp(join(tmpdir(), 'real-model-'));
    const engine = await createEngine({ modelDir: dir!, variant });
    try {
      const run = () =>
        engine.synthesize({
          script: prepareSpeech('The same seed twice.', 'en'),
          language: 'en',
          voice: { id: 'default', conditioningPath: join(work, 'default.cond') },
          params: { ...DEFAULT_GENERATION_PARAMS, seed: 7 },
        });
      const first = await run();
      const again = await run();
      assert.ok(Buffer.from(first.samples.buffer).equals(Buffer.from(again.samples.buffer)));
    } finally {
      await engine.close();
      await rm(work, { recursive: true, force: true });
    }
  });

  it('speaks English and Chinese with the default voice', { timeout: 600_000 }, async () => {
    const work = await mkdtemp(join(tmpdir(), 'real-model-'));
    const engine = await createEngine({ modelDir: dir!, variant });
    try {
      for (const [language, text] of [['en', 'Hello from the real model.'], ['zh', '你好，世界。']] as const) {
        const result = await engine.synthesize({
          script: prepareSpeech(text, language),
          language,
          voice: { id: 'default', conditioningPath: join(work, 'default.cond') },
          params: { ...DEFAULT_GENERATION_PARAMS, seed: 1 },
        });
        const seconds = result.samples.length / result.sampleRate;
        assert.ok(seconds > 0.3 && seconds < 15, `${language}: ${seconds} s`);
        assert.ok(result.samples.every((s) => Number.isFinite(s) && Math.abs(s) <= 1));
      }
    } finally {
      await engine.close();
      await rm(work, { recursive: true, force: true });
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SPEECH_VOCAB_SIZE, TOKENS } from '../../../../models/contract.ts';
import { createSeededRandom } from '../../../../server/engine/sampling/seeded-random.ts';
import { TokenSampler } from '../../../../server/engine/sampling/token-sampler.ts';

const settings = { cfgWeight: 0.5, temperature: 0.8, repetitionPenalty: 2, minP: 0.05, topP: 1 };

function logits(values: Record<number, number>): Float32Array {
  const row = new Float32Array(SPEECH_VOCAB_SIZE);
  for (const [id, v] of Object.entries(values)) row[Number(id)] = v;
  return row;
}

describe('TokenSampler', () => {
  it('the same seed reproduces the same draws', () => {
    const a = createSeededRandom(7);
    const b = createSeededRandom(7);
    const c = createSeededRandom(8);
    const drawsA = Array.from({ length: 5 }, a);
    assert.deepEqual(Array.from({ length: 5 }, b), drawsA);
    assert.notDeepEqual(Array.from({ length: 5 }, c), drawsA);
  });

  it('picks a dominant token under default settings whatever the seed', () => {
    for (let seed = 0; seed < 20; seed++) {
      const sampler = new TokenSampler(settings, createSeededRandom(seed));
      assert.equal(sampler.next(logits({ 100: 30, 200: 26 }), undefined, new Set()), 100);
    }
  });

  it('never returns START_SPEECH or an id above the stop token, even when they score highest', () => {
    const sampler = new TokenSampler(settings, createSeededRandom(1));
    assert.equal(sampler.next(logits({ [TOKENS.startSpeech]: 50, 7000: 50, 5: 10 }), undefined, new Set()), 5);
  });

  it('lets the repetition penalty move the choice away from a seen token', () => {
    const sampler = new TokenSampler({ ...settings, temperature: 0.05 }, createSeededRandom(1));
    assert.equal(sampler.next(logits({ 10: 10, 11: 8 }), undefined, new Set([10])), 11);
  });

  it('applies CFG: guidance can overturn the conditional favourite', () => {
    const sampler = new TokenSampler({ ...settings, cfgWeight: 1, temperature: 0.05 }, createSeededRandom(1));
    const cond = logits({ 1: 10, 2: 9 });
    const uncond = logits({ 1: 10, 2: 0 });
    // cond + (cond - uncond): id 1 -> 10, id 2 -> 18
    assert.equal(sampler.next(cond, uncond, new Set()), 2);
  });
});

type Settings = typeof settings;

/** The sampler's draw and the step-by-step pipeline's draw for the same row, settings and seed. */
async function drawBothWays(s: Settings, cond: Float32Array, uncond: Float32Array, seen: Set<number>, seed: number) {
  const steps = await import('../../../../server/engine/sampling/logits-processors.ts');
  const fused = new TokenSampler(s, createSeededRandom(seed)).next(cond, s.cfgWeight > 0 ? uncond : undefined, seen);
  const row = cond.slice();
  if (s.cfgWeight > 0) steps.combineCfg(row, uncond, s.cfgWeight);
  steps.maskImpossibleTokens(row);
  steps.applyRepetitionPenalty(row, seen, s.repetitionPenalty);
  steps.applyTemperature(row, s.temperature);
  const probs = steps.applyTopP(steps.applyMinP(steps.softmax(row), s.minP), s.topP);
  return { fused, pipeline: steps.sampleIndex(probs, createSeededRandom(seed)) };
}

describe('TokenSampler matches the step-by-step pipeline', () => {
  it('draws the same ids as CFG -> mask -> penalty -> temperature -> softmax -> min_p -> top_p -> sample', async () => {
    const cases = [
      { cfgWeight: 0.5, temperature: 0.8, repetitionPenalty: 2, minP: 0.05, topP: 1 },
      { cfgWeight: 0, temperature: 1.5, repetitionPenalty: 1.2, minP: 0, topP: 0.9 },
      { cfgWeight: 1, temperature: 0.3, repetitionPenalty: 1, minP: 0.2, topP: 0.5 },
    ];
    const source = createSeededRandom(99);
    for (const s of cases) {
      for (let trial = 0; trial < 30; trial++) {
        const cond = Float32Array.from({ length: SPEECH_VOCAB_SIZE }, () => source() * 8 - 4);
        const uncond = Float32Array.from({ length: SPEECH_VOCAB_SIZE }, () => source() * 8 - 4);
        const seen = new Set([TOKENS.startSpeech, 5, 17, 400]);
        const { fused, pipeline } = await drawBothWays(s, cond, uncond, seen, trial);
        assert.equal(fused, pipeline, JSON.stringify({ s, trial }));
      }
    }
  });

  it('draws the same ids as the pipeline for random settings, tie-heavy rows and long seen-sets (property)', async () => {
    const source = createSeededRandom(2024);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(source() * values.length)]!;
    for (let trial = 0; trial < 150; trial++) {
      const s = {
        cfgWeight: pick([0, 0.3, 0.5, 1]),
        temperature: pick([0.05, 0.5, 0.8, 1, 2]),
        repetitionPenalty: pick([1, 1.2, 2]),
        minP: pick([0, 0.01, 0.05, 0.3]),
        topP: pick([0.1, 0.5, 0.8, 0.95, 0.999, 1]),
      };
      // Quarter steps over a narrow range: many equal probabilities, so tie order matters.
      const step = pick([0.25, 0.5, 0.001]);
      const row = () => Float32Array.from({ length: SPEECH_VOCAB_SIZE }, () => Math.round((source() * 6 - 3) / step) * step);
      const cond = row();
      const uncond = row();
      const seen = new Set(Array.from({ length: Math.floor(source() * 300) }, () => Math.floor(source() * SPEECH_VOCAB_SIZE)));
      const { fused, pipeline } = await drawBothWays(s, cond, uncond, seen, trial);
      assert.equal(fused, pipeline, JSON.stringify({ s, step, trial }));
    }
  });

  it('does not modify the logits rows it is given', () => {
    const cond = logits({ 1: 5, 2: 4 });
    const copy = cond.slice();
    new TokenSampler(settings, createSeededRandom(1)).next(cond, logits({ 1: 1 }), new Set([1]));
    assert.deepEqual(cond, copy);
  });
});

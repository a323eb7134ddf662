import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TOKENS, graphFile } from '../../../../models/contract.ts';
import { encodeModel } from '../../../../models/onnx/onnx-writer.ts';
import { buildLanguageModelGraph } from '../../../../models/tiny/graphs/language-model.graph.ts';
import { TINY_SCRIPT, tinyDecoyToken, tinyRunawayToken, tinySpeechTokens } from '../../../../models/tiny/script.ts';
import { loadChatterboxSessions, type ChatterboxSessions } from '../../../../server/engine/chatterbox/chatterbox-sessions.ts';
import { SpeechGenerator, type GenerationRequest, type SpeechGeneratorOptions } from '../../../../server/engine/chatterbox/speech-generator.ts';
import { speechTokenCap } from '../../../../server/engine/chatterbox/stop-rules.ts';
import type { VoiceConditioning } from '../../../../server/engine/chatterbox/voice-conditioning.ts';
import { tensor } from '../../../../server/engine/onnx/session.ts';
import { createSeededRandom } from '../../../../server/engine/sampling/seeded-random.ts';
import { TokenSampler } from '../../../../server/engine/sampling/token-sampler.ts';
import { TextFrontEnd } from '../../../../server/engine/text/text-front-end.ts';
import { params, tinyModel } from '../tiny-model.fixture.ts';

let sessions: ChatterboxSessions;
let fp16Sessions: ChatterboxSessions;
let allFp16Sessions: ChatterboxSessions;
let conditioning: VoiceConditioning;
let text: TextFrontEnd;

before(async () => {
  const model = await tinyModel();
  sessions = await loadChatterboxSessions(model.dir, 'fp32', {});
  fp16Sessions = await loadChatterboxSessions(model.dir, 'q4f16', {});
  allFp16Sessions = await loadChatterboxSessions(model.dir, 'fp16', {});
  text = await TextFrontEnd.load(model.dir);
  const clip = Float32Array.from({ length: 24_000 }, (_, i) => 0.3 * Math.sin(i / 7));
  const out = await (await sessions.speechEncoder()).run({ audio_values: tensor('float32', clip, [1, clip.length]) });
  conditioning = {
    audioFeatures: out.audio_features!,
    audioTokens: out.audio_tokens!,
    speakerEmbeddings: out.speaker_embeddings!,
    speakerFeatures: out.speaker_features!,
  };
});
after(async () => {
  await Promise.all([sessions.release(), fp16Sessions.release(), allFp16Sessions.release()]);
});

async function prompt(value: string): Promise<{ ids: number[]; textTokens: number }> {
  const [chunk] = await text.encodeChunks(value, 'en');
  return chunk!;
}

function request(ids: number[], overrides: Partial<ReturnType<typeof params>> = {}, extra: Partial<GenerationRequest> = {}): GenerationRequest {
  const p = params(overrides);
  return {
    promptIds: ids,
    conditioning,
    exaggeration: p.exaggeration,
    cfgWeight: p.cfgWeight,
    maxNewTokens: p.maxNewTokens,
    sampler: new TokenSampler(p, createSeededRandom(p.seed)),
    ...extra,
  };
}

function generator(s: ChatterboxSessions = sessions, options: Partial<SpeechGeneratorOptions> = {}): SpeechGenerator {
  return new SpeechGenerator(s.embedTokens, s.languageModel, { textPositionTable: s.textPositionTable, cfgMode: s.cfgMode, ...options });
}

describe('SpeechGenerator on the tiny model', () => {
  it('generates the scripted token sequence through the KV-cache loop with CFG, then stops on 6562', async () => {
    const { ids, textTokens } = await prompt('Good morning to you all.');
    const result = await generator().generate(request(ids));
    assert.deepEqual(result.tokens, tinySpeechTokens(textTokens));
    assert.equal(result.stopReason, 'stop_token');
    assert.equal(result.steps, result.tokens.length + 1);
  });

  it('says the decoy tokens without CFG (batch 1): only the exact unconditional row turns them into the script', async () => {
    const { ids, textTokens } = await prompt('Short one here.');
    const result = await generator().generate(request(ids, { cfgWeight: 0 }));
    assert.deepEqual(result.tokens, tinySpeechTokens(textTokens).map(tinyDecoyToken));
  });

  it('gives the scripted sequence with a float16 KV cache and with float16 embeddings and logits', async () => {
    const { ids, textTokens } = await prompt('Short one here.');
    assert.deepEqual((await generator(fp16Sessions).generate(request(ids))).tokens, tinySpeechTokens(textTokens));
    assert.deepEqual((await generator(allFp16Sessions).generate(request(ids))).tokens, tinySpeechTokens(textTokens));
  });

  it('derails when the unconditional row zeroes the position embeddings too', async () => {
    const { ids, textTokens } = await prompt('Good morning to you all.');
    const zeros = new Float32Array(sessions.textPositionTable.length);
    const result = await generator(sessions, { textPositionTable: zeros }).generate(request(ids));
    assert.notDeepEqual(result.tokens, tinySpeechTokens(textTokens));
  });

  it('runs the CFG rows as two batch-1 calls, with the same tokens, when the language model is fixed at batch 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'batch-one-'));
    try {
      await cp((await tinyModel()).dir, dir, { recursive: true });
      await writeFile(join(dir, graphFile('language_model', 'fp32')), encodeModel(buildLanguageModelGraph({ fixedBatch: 1 })));
      const batchOne = await loadChatterboxSessions(dir, 'fp32', {});
      try {
        assert.equal(sessions.cfgMode, 'batch');
        assert.equal(batchOne.cfgMode, 'split');
        const { ids, textTokens } = await prompt('Good morning to you all.');
        assert.deepEqual((await generator(batchOne).generate(request(ids))).tokens, tinySpeechTokens(textTokens));
      } finally {
        await batchOne.release();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('stops at the token cap', async () => {
    const { ids, textTokens } = await prompt('A sentence long enough for the cap.');
    const result = await generator().generate(request(ids, { maxNewTokens: 5 }));
    assert.deepEqual(result.tokens, tinySpeechTokens(textTokens).slice(0, 5));
    assert.equal(result.stopReason, 'max_tokens');
  });

  it('caps a run-away chunk in proportion to its text tokens when no repetition rule fires', async () => {
    const { ids, textTokens } = await prompt(`${TINY_SCRIPT.runawayChar} this never ends.`);
    const stopRules = { loops: { maxPeriod: 1, minSpan: 10_000 }, tokensPerTextToken: 1, minTokenCap: 0 };
    const result = await generator(sessions, { stopRules }).generate(request(ids));
    assert.equal(result.cap, speechTokenCap(textTokens, params().maxNewTokens, stopRules));
    assert.equal(result.cap, textTokens);
    assert.deepEqual(result.tokens, Array.from({ length: textTokens }, (_, k) => tinyRunawayToken(k)));
    assert.equal(result.stopReason, 'max_tokens');
  });

  it('cuts a near-repeating loop back to one copy (each copy differs in one place)', async () => {
    const { ids } = await prompt(`${TINY_SCRIPT.runawayChar} this never ends.`);
    assert.ok(ids.includes(TINY_SCRIPT.runawayTextTokenId));
    const result = await generator().generate(request(ids));
    const period = TINY_SCRIPT.runawayPeriod;
    assert.deepEqual(result.tokens, Array.from({ length: period }, (_, k) => tinyRunawayToken(k)));
    assert.equal(result.stopReason, 'repetition');
    assert.equal(result.steps, 4 * period);
  });

  it('stops after two identical tokens, as upstream multilingual does, unless that rule is off', async () => {
    const { ids } = await prompt(`${TINY_SCRIPT.stuckChar} stuck on one token.`);
    const stuck = await generator().generate(request(ids));
    assert.deepEqual(stuck.tokens, [TINY_SCRIPT.stuckToken, TINY_SCRIPT.stuckToken]);
    assert.equal(stuck.stopReason, 'repeated_token');
    const ruleOff = await generator(sessions, { stopRules: { stopOnRepeatedToken: false } }).generate(request(ids, { repetitionPenalty: 1 }));
    assert.deepEqual(ruleOff.tokens, [TINY_SCRIPT.stuckToken]);
    assert.equal(ruleOff.stopReason, 'repetition');
    assert.equal(ruleOff.steps, 32);
  });

  it('reproduces a sampled run from the same seed and varies with another seed', async () => {
    const { ids } = await prompt('Sampling at a high temperature.');
    const hot = { temperature: 3, minP: 0, cfgWeight: 0 };
    const first = await generator().generate(request(ids, { ...hot, seed: 1 }));
    const again = await generator().generate(request(ids, { ...hot, seed: 1 }));
    const other = await generator().generate(request(ids, { ...hot, seed: 2 }));
    assert.deepEqual(again.tokens, first.tokens);
    assert.notDeepEqual(other.tokens, first.tokens);
    assert.ok(first.tokens.every((t) => t < TOKENS.speechCodeLimit));
  });

  it('embeds speech code 0 as speech, not as the text [STOP] it shares an id with', async () => {
    const { ids, textTokens } = await prompt('Zero is a legal speech code.');
    const sampler = new TokenSampler(params(), createSeededRandom(1));
    let first = true;
    const forcing = { next: (...args: Parameters<TokenSampler['next']>) => (first ? ((first = false), 0) : sampler.next(...args)) };
    const result = await generator().generate(request(ids, {}, { sampler: forcing as TokenSampler }));
    // Had 0 been embedded as text, the model would count one more text token and one speech token less.
    assert.deepEqual(result.tokens, [0, ...tinySpeechTokens(textTokens).slice(1)]);
  });

  it('stops between steps when the signal is aborted', async () => {
    const { ids } = await prompt('This will be cancelled part way through.');
    const controller = new AbortController();
    let steps = 0;
    const sampler = new TokenSampler(params(), createSeededRandom(1));
    const counting = { next: (...args: Parameters<TokenSampler['next']>) => (++steps === 3 && controller.abort(), sampler.next(...args)) };
    await assert.rejects(generator().generate(request(ids, {}, { sampler: counting as TokenSampler, signal: controller.signal })), { name: 'AbortError' });
    assert.equal(steps, 3);
  });
});

/**
 * The engine speaks the text stage's script: its pauses (leading, after each chunk) are the
 * silence in the audio, and each chunk reports what the model was given and what it dropped.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SAMPLE_RATE_HZ } from '../../../../models/contract.ts';
import { tinyAudioSamples, tinySpeechTokenCount } from '../../../../models/tiny/script.ts';
import { pauseSamples } from '../../../../server/audio/join-chunks.ts';
import { createEngine, type ChatterboxEngine, type SynthesisChunk } from '../../../../server/engine/index.ts';
import type { SpeechScript } from '../../../../server/text/speech-script.ts';
import { params, tinyModel } from '../tiny-model.fixture.ts';

let engine: ChatterboxEngine;
let work: string;

before(async () => {
  engine = await createEngine({ modelDir: (await tinyModel()).dir });
  work = await mkdtemp(join(tmpdir(), 'engine-script-'));
});
after(async () => {
  await engine.close();
  await rm(work, { recursive: true, force: true });
});

const voice = () => ({ id: 'default', conditioningPath: join(work, 'default.cond') });
const chunk = (spoken: string, pauseAfterMs: number, fragment = false) => ({ source: spoken, spoken, fragment, pauseAfterMs });

describe('ChatterboxEngine speaking a script', () => {
  it('puts the leading pause before the first chunk and each chunk its own pause after it (none after the last)', async () => {
    const script: SpeechScript = { language: 'en', leadingPauseMs: 250, chunks: [chunk('A first sentence here.', 600), chunk('Then a second.', 40), chunk('The end.', 900)] };
    const seen: SynthesisChunk[] = [];
    const result = await engine.synthesize({ script, language: 'en', voice: voice(), params: params(), onChunk: (c) => seen.push(c) });
    const encoded = await engine.text.encodeChunks(script.chunks, 'en');
    const speech = encoded.map((c) => tinyAudioSamples(tinySpeechTokenCount(c.textTokens)));
    const [lead, first, second] = [250, 600, 40].map((ms) => pauseSamples(ms, SAMPLE_RATE_HZ));
    assert.equal(result.samples.length, lead! + speech[0]! + first! + speech[1]! + second! + speech[2]!);
    assert.deepEqual(seen.map((c) => [c.leadingSamples, c.speechSamples, c.samples.length]), [
      [lead, speech[0], lead! + speech[0]! + first!],
      [0, speech[1], speech[1]! + second!],
      [0, speech[2], speech[2]],
    ]);
    assert.ok(result.samples.subarray(0, lead).every((s) => s === 0));
    const firstPause = result.samples.subarray(lead! + speech[0]!, lead! + speech[0]! + first!);
    assert.ok(firstPause.every((s) => s === 0));
  });

  it('reports per chunk what the model was given and what it dropped; a chunk with nothing speakable is silent but keeps its pause', async () => {
    const script: SpeechScript = { language: 'en', leadingPauseMs: 0, chunks: [chunk('Snow ☃ falls.', 300), chunk('☃', 300), chunk('Done.', 0)] };
    const result = await engine.synthesize({ script, language: 'en', voice: voice(), params: params() });
    assert.deepEqual(result.spoken, [
      { text: 'Snow falls.', dropped: { '☃': 1 } },
      { text: '', dropped: { '☃': 1 } },
      { text: 'Done.', dropped: {} },
    ]);
    assert.equal(engine.stats.lastStopReasons.length, 2);
    const speech = (await engine.text.encodeChunks(['Snow falls.', 'Done.'].map((spoken) => chunk(spoken, 0)), 'en')).map((c) => tinyAudioSamples(tinySpeechTokenCount(c.textTokens)));
    assert.equal(result.samples.length, speech[0]! + speech[1]! + 2 * pauseSamples(300, SAMPLE_RATE_HZ));
  });
});

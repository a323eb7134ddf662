import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_VOICE_FILE, SAMPLE_RATE_HZ } from '../../../../models/contract.ts';
import { tinyAudioSamples, tinySpeechTokenCount } from '../../../../models/tiny/script.ts';
import { WaveFile } from '../../../../server/shared/wavefile.ts';
import { joinedLength, pauseSamples } from '../../../../server/audio/join-chunks.ts';
import { peakOf, TARGET_PEAK } from '../../../../server/audio/level.ts';
import { DEFAULT_TARGET_LUFS, integratedLoudness } from '../../../../server/audio/loudness.ts';
import { loadReferenceAudio } from '../../../../server/engine/chatterbox/voice-audio.ts';
import { createEngine, type ChatterboxEngine, type SynthesisChunk, type VoiceSource } from '../../../../server/engine/index.ts';
import { params, sentenceScript, SENTENCE_PAUSE_MS, tinyModel } from '../tiny-model.fixture.ts';

let engine: ChatterboxEngine;
let modelDir: string;
let work: string;

before(async () => {
  modelDir = (await tinyModel()).dir;
  engine = await createEngine({ modelDir });
  work = await mkdtemp(join(tmpdir(), 'engine-test-'));
});
after(async () => {
  await engine.close();
  await rm(work, { recursive: true, force: true });
});

const voice = (id: string, clipPath?: string): VoiceSource => ({ id, clipPath, conditioningPath: join(work, `${id}.cond`) });

async function writeClip(name: string, sampleRate: number, channels: number, level: number): Promise<string> {
  const frames = Math.round(1.5 * sampleRate);
  const data = Array.from({ length: channels }, (_, c) => Float32Array.from({ length: frames }, (_, i) => level * Math.sin((i * (c + 1)) / 9)));
  const wav = new WaveFile();
  wav.fromScratch(channels, sampleRate, '32f', channels === 1 ? data[0]! : data);
  const path = join(work, name);
  await writeFile(path, wav.toBuffer());
  return path;
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('ChatterboxEngine on the tiny model', () => {
  it('joins chunk audio with pauses: length = sum of chunks + pauses, each chunk as scripted', async () => {
    const text = 'The first sentence is here. And this is the second one! Finally a third sentence?';
    const chunks: SynthesisChunk[] = [];
    const result = await engine.synthesize({ script: sentenceScript(text), language: 'en', voice: voice('default'), params: params(), onChunk: (c) => chunks.push(c) });
    const encoded = await engine.text.encodeChunks(text, 'en');
    const chunkLengths = encoded.map((c) => tinyAudioSamples(tinySpeechTokenCount(c.textTokens)));
    assert.equal(encoded.length, 3);
    assert.equal(result.chunks, 3);
    assert.equal(result.sampleRate, SAMPLE_RATE_HZ);
    const pause = pauseSamples(SENTENCE_PAUSE_MS, SAMPLE_RATE_HZ);
    assert.equal(result.samples.length, joinedLength(chunkLengths, chunkLengths.map(() => pause)));
    assert.equal(result.speechTokens, encoded.reduce((n, c) => n + tinySpeechTokenCount(c.textTokens), 0));
    assert.deepEqual(chunks.map((c) => [c.index, c.total]), [[0, 3], [1, 3], [2, 3]]);
    assert.deepEqual(chunks.map((c) => c.samples.length), chunkLengths.map((n, i) => n + (i < 2 ? pause : 0)));
    assert.deepEqual(engine.stats.lastStopReasons, ['stop_token', 'stop_token', 'stop_token']);
  });

  it('fades chunk edges and leaves the pause silent', async () => {
    const chunks: SynthesisChunk[] = [];
    await engine.synthesize({ script: sentenceScript('One sentence to start with. Another sentence to end.'), language: 'en', voice: voice('default'), params: params(), onChunk: (c) => chunks.push(c) });
    const first = chunks[0]!.samples;
    const pause = pauseSamples(SENTENCE_PAUSE_MS, SAMPLE_RATE_HZ);
    assert.equal(Math.abs(first[0]!), 0);
    assert.ok(first.subarray(first.length - pause).every((s) => s === 0));
    assert.ok(Math.abs(first[first.length - pause - 1]!) < 1e-3);
  });

  it('encodes a voice once: a second request hits memory, a new engine hits the file', async () => {
    const clip = await writeClip('cached.wav', 24_000, 1, 0.2);
    const before = engine.stats.encoderRuns;
    await engine.prepareVoice(voice('cached', clip));
    await engine.prepareVoice(voice('cached', clip));
    await engine.synthesize({ script: sentenceScript('Cached voice speaking.'), language: 'en', voice: voice('cached', clip), params: params() });
    assert.equal(engine.stats.encoderRuns - before, 1);
    assert.ok((await stat(join(work, 'cached.cond'))).size > 0);
    const second = await createEngine({ modelDir });
    try {
      await second.prepareVoice(voice('cached', clip));
      assert.equal(second.stats.encoderRuns, 0);
    } finally {
      await second.close();
    }
  });

  it('clones from a 44.1 kHz stereo clip, and different voices sound different at the same loudness', async () => {
    const loud = await writeClip('loud.wav', 44_100, 2, 0.4);
    const soft = await writeClip('soft.wav', 16_000, 1, 0.05);
    const text = 'Voices differ.';
    const a = await engine.synthesize({ script: sentenceScript(text), language: 'en', voice: voice('loud', loud), params: params() });
    const b = await engine.synthesize({ script: sentenceScript(text), language: 'en', voice: voice('soft', soft), params: params() });
    assert.equal(a.samples.length, b.samples.length);
    assert.ok(maxDifference(a.samples, b.samples) > 0.05);
    assert.ok(Math.abs(integratedLoudness(a.samples, SAMPLE_RATE_HZ) - integratedLoudness(b.samples, SAMPLE_RATE_HZ)) < 0.5);
  });

  it('gives byte-identical audio for the same seed and different audio for another seed (the decoder draws noise)', async () => {
    const text = 'The same seed twice.';
    const run = (seed: number) => engine.synthesize({ script: sentenceScript(text), language: 'en', voice: voice('default'), params: params({ seed }) });
    const [first, again, other] = [await run(11), await run(11), await run(12)];
    assert.deepEqual(Buffer.from(again.samples.buffer), Buffer.from(first.samples.buffer));
    assert.equal(other.samples.length, first.samples.length);
    assert.notDeepEqual(Buffer.from(other.samples.buffer), Buffer.from(first.samples.buffer));
  });

  it('normalizes each chunk to -16 LUFS by default, and leaves the decoder level when loudness is off', async () => {
    const text = 'Loudness is measured per chunk.';
    const normalized = await engine.synthesize({ script: sentenceScript(text), language: 'en', voice: voice('default'), params: params() });
    assert.ok(Math.abs(integratedLoudness(normalized.samples, SAMPLE_RATE_HZ) - DEFAULT_TARGET_LUFS) < 0.5);
    const raw = await createEngine({ modelDir, outputLoudnessLufs: null });
    try {
      const plain = await raw.synthesize({ script: sentenceScript(text), language: 'en', voice: voice('default'), params: params() });
      const plainLoudness = integratedLoudness(plain.samples, SAMPLE_RATE_HZ);
      assert.ok(Math.abs(plainLoudness - DEFAULT_TARGET_LUFS) > 0.5, `decoder level ${plainLoudness} LUFS`);
    } finally {
      await raw.close();
    }
  });

  it('refuses a silent clip with an invalid-audio error', async () => {
    const silent = await writeClip('silent.wav', 24_000, 1, 0);
    await assert.rejects(engine.prepareVoice(voice('silent', silent)), { name: 'InvalidAudioError' });
  });

  it('attenuates the clipping default voice (peak 1.08) to the target peak', async () => {
    const audio = await loadReferenceAudio(join(modelDir, DEFAULT_VOICE_FILE));
    assert.ok(Math.abs(peakOf(audio) - TARGET_PEAK) < 1e-6);
  });

  it('rejects with an AbortError when cancelled mid-synthesis, and at once when already aborted', async () => {
    const controller = new AbortController();
    const run = engine.synthesize({
      script: sentenceScript('A first sentence to speak. A second one that never comes.'),
      language: 'en',
      voice: voice('default'),
      params: params(),
      signal: controller.signal,
      onChunk: () => controller.abort(),
    });
    await assert.rejects(run, { name: 'AbortError' });
    assert.deepEqual(engine.stats.lastStopReasons, ['stop_token']);
    await assert.rejects(engine.synthesize({ script: sentenceScript('x'), language: 'en', voice: voice('default'), params: params(), signal: AbortSignal.abort() }), {
      name: 'AbortError',
    });
  });

  it('reports the model and device it runs', () => {
    assert.deepEqual(engine.info, { model: 'tiny/q4f16', device: 'cpu' });
  });
});

/**
 * One job inside a worker thread: synthesize, encode, write the file atomically. The big
 * buffers (samples, encoded file) never leave the worker; only a small outcome does.
 */
import { createHash } from 'node:crypto';
import type { SynthesisChunk, TtsEngine } from '../engine/tts-engine.ts';
import { encode } from '../audio/encoders/formats.ts';
import { floatToPcm16, pcm16Bytes } from '../audio/pcm16.ts';
import { ChunkTempo } from './chunk-tempo.ts';
import { writeFileAtomic } from '../storage/atomic-file.ts';
import type { SpokenChunkOutcome, SynthesisOutcome, SynthesisTask } from './messages.ts';

const MS_PER_SECOND = 1000;
/** ETags need to tell files apart, not resist attacks; 128 bits of SHA-256 are plenty. */
const DIGEST_HEX_CHARS = 32;

export async function runSynthesis(
  engine: TtsEngine,
  task: SynthesisTask,
  signal: AbortSignal,
  onChunk: (chunk: SynthesisChunk) => void,
): Promise<SynthesisOutcome> {
  const started = performance.now();
  const tempo = new ChunkTempo(task.speed ?? 1);
  const spoken: SpokenChunkOutcome[] = [];
  let offset = 0;
  const result = await engine.synthesize({
    script: task.script,
    language: task.language,
    voice: task.voice,
    params: task.params,
    signal,
    onChunk: (chunk) => {
      const final = tempo.apply(chunk);
      // The file is these chunks joined, so their running offset is the position in the file.
      const startSample = offset + final.leadingSamples;
      spoken.push({ ...final.spoken, startSample, endSample: startSample + final.speechSamples });
      offset += final.samples.length;
      onChunk(final);
    },
  });
  signal.throwIfAborted();
  const samples = tempo.joined(result.samples);
  const encoded = await encode(samples, task.format);
  signal.throwIfAborted();
  await writeFileAtomic(task.outputPath, encoded);
  if (task.losslessCopyPath !== undefined) await writeFileAtomic(task.losslessCopyPath, pcm16Bytes(floatToPcm16(samples)));
  return {
    bytes: encoded.byteLength,
    durationSeconds: samples.length / result.sampleRate,
    sampleRate: result.sampleRate,
    chunks: result.chunks,
    speechTokens: result.speechTokens,
    spoken,
    digest: createHash('sha256').update(encoded).digest('hex').slice(0, DIGEST_HEX_CHARS),
    computeSeconds: (performance.now() - started) / MS_PER_SECOND,
  };
}

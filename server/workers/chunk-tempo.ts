/**
 * The `speed` of a job: each chunk is time-stretched as it comes out of the engine (so
 * streamed audio already has the requested tempo), and the file is those stretched chunks
 * joined, so streamed and stored audio are the same samples.
 */
import { concatSamples } from '../audio/join-chunks.ts';
import { timeStretch } from '../audio/time-stretch.ts';
import type { SynthesisChunk } from '../engine/tts-engine.ts';
import { SAMPLE_RATE_HZ } from '../shared/audio-constants.ts';

export class ChunkTempo {
  private readonly stretched: Float32Array[] = [];

  constructor(private readonly speed: number) {}

  apply(chunk: SynthesisChunk): SynthesisChunk {
    if (this.speed === 1) return chunk;
    const samples = timeStretch(chunk.samples, SAMPLE_RATE_HZ, this.speed);
    this.stretched.push(samples);
    // Speech and silence stretch alike: their positions in the chunk scale with its length.
    const scale = chunk.samples.length === 0 ? 0 : samples.length / chunk.samples.length;
    const leadingSamples = Math.round(chunk.leadingSamples * scale);
    const speechEnd = Math.min(samples.length, Math.round((chunk.leadingSamples + chunk.speechSamples) * scale));
    return { ...chunk, samples, leadingSamples, speechSamples: speechEnd - leadingSamples };
  }

  /** The whole job's audio: the engine's result at speed 1, else the stretched chunks (each includes its pause). */
  joined(result: Float32Array): Float32Array {
    return this.speed === 1 ? result : concatSamples(this.stretched);
  }
}

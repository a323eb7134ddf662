/**
 * The parts of soundtouchjs (LGPL-2.1, ships no types) that audio/time-stretch.ts uses:
 * the WSOLA time-stretch stage working on interleaved stereo float frames.
 */
declare module 'soundtouchjs' {
  export class FifoSampleBuffer {
    readonly frameCount: number;
    putSamples(samples: Float32Array, position?: number, numFrames?: number): void;
    receiveSamples(output: Float32Array, numFrames?: number): void;
  }

  export class Stretch {
    constructor(createBuffers: boolean);
    tempo: number;
    readonly inputChunkSize: number;
    readonly inputBuffer: FifoSampleBuffer;
    readonly outputBuffer: FifoSampleBuffer;
    setParameters(sampleRate: number, sequenceMs: number, seekWindowMs: number, overlapMs: number): void;
    process(): void;
  }
}

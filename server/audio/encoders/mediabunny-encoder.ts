/**
 * Runs a codec from mediabunny's encoder extensions (WASM builds of libFLAC and FFmpeg's AAC
 * encoder, each in its own worker thread) behind the StreamEncoder contract.
 *
 * mediabunny's pipeline is asynchronous: `AudioSampleSource.add()` resolves once the sample is
 * queued, not once it is encoded, and the pipeline offers no flush short of finalizing. A push
 * therefore waits until the container has written the frames that the codec must have produced
 * for the samples so far (`framesReadyAfter`, a lower bound per codec) and until those bytes have
 * reached the target. If that bound were ever too high, a guard timer ends the wait: the missing
 * bytes then simply arrive with the next push or with `end()`.
 */
import {
  AudioSample,
  AudioSampleSource,
  BufferTarget,
  Output,
  type OutputFormat,
  Quality,
  StreamTarget,
  type StreamTargetChunk,
} from 'mediabunny';
import { SAMPLE_RATE_HZ } from '../../shared/audio-constants.ts';
import { floatToPcm16 } from '../pcm16.ts';
import type { EncoderCore } from './guarded-stream-encoder.ts';
import { clampFloatSamples, concatBytes } from './pcm-samples.ts';

/** Longest a push waits for its frames before returning what is there (see module comment). */
const SETTLE_TIMEOUT_MS = 3_000;
const CHANNELS = 1;

export interface MediabunnyCodec {
  codec: 'aac' | 'flac';
  /** Target bit rate of a lossy codec; undefined for a lossless one. */
  bitrate?: number;
  /** Samples handed to the codec: floats, or 16-bit integers (FLAC then writes 16-bit, not 24). */
  sampleFormat: 'f32' | 's16';
  /** The container; `appendOnly` asks for output that never seeks back (streaming). */
  createFormat(options: { appendOnly: boolean; onFrame: (data: Uint8Array, position: number) => void }): OutputFormat;
  /** Frames certainly written once `inputSamples` samples were added (a lower bound). */
  framesReadyAfter(inputSamples: number): number;
  /** Registers the codec's WASM encoder with mediabunny, once (see `lazyRegistration`). */
  register(): Promise<void>;
}

/**
 * The encoder extension packages embed their WASM and take ~60 (FLAC) to ~100 MB (AAC) of
 * memory once imported, in every thread that imports them: import them on first use only.
 * Through a module of ours (./aac-registration.ts), so the package resolves mediabunny the way
 * this file does; a second copy of mediabunny would not see the registration.
 */
export function lazyRegistration(load: () => Promise<void>): () => Promise<void> {
  let loading: Promise<void> | undefined;
  return () => (loading ??= load());
}

function createSource(codec: MediabunnyCodec): AudioSampleSource {
  // mediabunny requires a quality for every compressed codec; lossless FLAC ignores it.
  const quality = codec.bitrate === undefined ? new Quality('high') : new Quality({ bitrate: codec.bitrate });
  return new AudioSampleSource({ codec: codec.codec, quality });
}

async function addSamples(
  codec: MediabunnyCodec,
  source: AudioSampleSource,
  samples: Float32Array,
  startSample: number,
): Promise<void> {
  const sample = new AudioSample({
    data: codec.sampleFormat === 's16' ? floatToPcm16(samples) : clampFloatSamples(samples),
    format: codec.sampleFormat,
    numberOfChannels: CHANNELS,
    sampleRate: SAMPLE_RATE_HZ,
    timestamp: startSample / SAMPLE_RATE_HZ,
  });
  try {
    await source.add(sample);
  } finally {
    sample.close();
  }
}

/** Whole-file encoding: the container may seek back to complete its headers (FLAC STREAMINFO). */
export async function encodeFileWithMediabunny(codec: MediabunnyCodec, samples: Float32Array): Promise<Uint8Array> {
  await codec.register();
  const target = new BufferTarget();
  const output = new Output({ format: codec.createFormat({ appendOnly: false, onFrame: () => undefined }), target });
  const source = createSource(codec);
  output.addAudioTrack(source);
  try {
    await output.start();
    await addSamples(codec, source, samples, 0);
    await output.finalize();
  } catch (error) {
    await output.cancel().catch(() => undefined);
    throw error;
  }
  return new Uint8Array(target.buffer!);
}

/** Append-only output collected as it is written; see the module comment for the wait. */
export class MediabunnyStream implements EncoderCore {
  private readonly output: Output;
  private readonly source: AudioSampleSource;
  private readonly started: Promise<void>;
  private ready: Uint8Array[] = [];
  private bytesReceived = 0;
  private framesWritten = 0;
  private framesEnd = 0;
  private inputSamples = 0;
  private failure: Error | null = null;
  private waiter: { frames: number; done: () => void } | null = null;

  constructor(private readonly codec: MediabunnyCodec) {
    const target = new StreamTarget(new WritableStream<StreamTargetChunk>({ write: (chunk) => this.receive(chunk) }));
    const onFrame = (data: Uint8Array, position: number): void => this.frameWritten(data, position);
    this.output = new Output({ format: codec.createFormat({ appendOnly: true, onFrame }), target });
    this.source = createSource(codec);
    this.output.addAudioTrack(this.source);
    this.started = codec.register().then(() => this.output.start());
    // Handled here too, so a stream aborted before its first push leaves no unhandled rejection.
    this.started.catch(() => undefined);
  }

  async push(samples: Float32Array): Promise<Uint8Array> {
    await this.started;
    if (samples.length > 0) {
      await addSamples(this.codec, this.source, samples, this.inputSamples);
      this.inputSamples += samples.length;
      await this.settle(this.codec.framesReadyAfter(this.inputSamples));
    }
    return this.drain();
  }

  async end(): Promise<Uint8Array> {
    await this.started;
    await this.output.finalize();
    return this.drain();
  }

  release(): void {
    if (this.output.state === 'finalized' || this.output.state === 'canceled') return;
    // Cancelling terminates the codec's worker thread; nothing is waiting on the result.
    void this.output.cancel().catch(() => undefined);
  }

  private receive(chunk: StreamTargetChunk): void {
    if (chunk.position !== this.bytesReceived) {
      this.failure ??= new Error(`${this.codec.codec} muxer wrote at ${chunk.position}, expected ${this.bytesReceived}`);
      return;
    }
    this.ready.push(chunk.data.slice());
    this.bytesReceived += chunk.data.length;
    this.wake();
  }

  private frameWritten(data: Uint8Array, position: number): void {
    this.framesWritten += 1;
    this.framesEnd = Math.max(this.framesEnd, position + data.length);
    this.wake();
  }

  private settled(frames: number): boolean {
    return this.framesWritten >= frames && this.bytesReceived >= this.framesEnd;
  }

  private settle(frames: number): Promise<void> {
    if (this.settled(frames)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(guard);
        this.waiter = null;
        resolve();
      };
      const guard = setTimeout(done, SETTLE_TIMEOUT_MS);
      this.waiter = { frames, done };
    });
  }

  private wake(): void {
    if (this.waiter !== null && this.settled(this.waiter.frames)) this.waiter.done();
  }

  private drain(): Uint8Array {
    if (this.failure !== null) throw this.failure;
    const bytes = concatBytes(this.ready);
    this.ready = [];
    return bytes;
  }
}

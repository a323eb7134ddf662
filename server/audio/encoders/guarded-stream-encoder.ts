/**
 * Wraps a format's bare codec ("core") into a StreamEncoder with the behaviour every format
 * shares: calls run one at a time in order, nothing is accepted after end/abort, an empty stream
 * is an error, and a failing codec is released before the error propagates.
 */
import type { AudioFormat } from '../../shared/audio-format.ts';
import { emptyAudioError, encoderClosedError } from './encoder-errors.ts';
import type { StreamEncoder } from './format-descriptor.ts';
import { concatBytes } from './pcm-samples.ts';

/** What a format implements; it may assume calls never overlap and never follow end(). */
export interface EncoderCore {
  push(samples: Float32Array): Uint8Array | Promise<Uint8Array>;
  end(): Uint8Array | Promise<Uint8Array>;
  /** Frees codec resources; called at most once, after end() or instead of it. */
  release(): void;
}

type EncoderState = 'open' | 'ended' | 'aborted' | 'failed';

interface Lifecycle {
  state: EncoderState;
  readonly core: EncoderCore;
}

/** Moves an open stream to `next` and frees its codec; later calls do nothing. */
function close(lifecycle: Lifecycle, next: EncoderState): void {
  if (lifecycle.state !== 'open') return;
  lifecycle.state = next;
  lifecycle.core.release();
}

/**
 * Built outside guardStreamEncoder on purpose: a closure created there would share its scope,
 * which holds the encoder, and so keep the encoder reachable from the registry forever.
 */
function abandonedCleanup(lifecycle: Lifecycle): () => void {
  return () => close(lifecycle, 'aborted');
}

/**
 * Safety net for streams dropped without end() or abort() (a forgotten error path): a codec's
 * worker thread would otherwise live, and keep the process alive, forever. Callers must still
 * end or abort every stream; garbage collection only comes eventually.
 */
const ABANDONED = new FinalizationRegistry<() => void>((cleanup) => cleanup());

export function guardStreamEncoder(format: AudioFormat, core: EncoderCore): StreamEncoder {
  const lifecycle: Lifecycle = { state: 'open', core };
  let samplesPushed = 0;
  let queue: Promise<unknown> = Promise.resolve();

  /** Runs `step` after every earlier call, failing fast once the stream is closed. */
  const enqueue = (step: () => Uint8Array | Promise<Uint8Array>): Promise<Uint8Array> => {
    const run = async (): Promise<Uint8Array> => {
      if (lifecycle.state !== 'open') throw encoderClosedError(format, lifecycle.state);
      try {
        return await step();
      } catch (error) {
        close(lifecycle, 'failed');
        throw error;
      }
    };
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  };

  const encoder: StreamEncoder = {
    push(samples) {
      return enqueue(() => {
        samplesPushed += samples.length;
        return core.push(samples);
      });
    },
    end() {
      return enqueue(async () => {
        if (samplesPushed === 0) throw emptyAudioError();
        const tail = await core.end();
        close(lifecycle, 'ended');
        ABANDONED.unregister(encoder);
        return tail;
      });
    },
    abort() {
      close(lifecycle, 'aborted');
      ABANDONED.unregister(encoder);
    },
  };
  ABANDONED.register(encoder, abandonedCleanup(lifecycle), encoder);
  return encoder;
}

/** One-shot encoding through a stream core: a single push, then end. */
export async function encodeThroughStream(encoder: StreamEncoder, samples: Float32Array): Promise<Uint8Array> {
  if (samples.length === 0) {
    encoder.abort();
    throw emptyAudioError();
  }
  const body = await encoder.push(samples);
  return concatBytes([body, await encoder.end()]);
}

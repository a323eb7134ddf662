/**
 * Contract shared by every output format: one descriptor per format names its wire identity
 * (MIME type, file extension) and how to encode mono Float32 samples at the model rate
 * (SAMPLE_RATE_HZ, 24 kHz), either in one shot or incrementally while sentences are synthesized.
 */
import type { AudioFormat } from '../../shared/audio-format.ts';

/**
 * Incremental encoder for one output stream. Each call returns the bytes that are ready now;
 * concatenating every returned array in call order gives a complete, playable file.
 *
 * Codecs work on fixed frames (mp3 576, opus 480, aac 1024, flac 4096 samples), so up to about
 * one frame of the latest push (plus the encoder's look-ahead) is held back until the next
 * push or `end()`.
 */
export interface StreamEncoder {
  /** Encodes more samples; calls are queued, so they may overlap safely. */
  push(samples: Float32Array): Promise<Uint8Array>;
  /** Flushes the codec and returns the trailing bytes. Throws `empty_audio` if nothing was pushed. */
  end(): Promise<Uint8Array>;
  /** Drops the stream and frees its codec (worker thread, WASM memory); idempotent. */
  abort(): void;
}

export interface FormatDescriptor {
  format: AudioFormat;
  /** Value for the Content-Type header. */
  contentType: string;
  /** File extension without the dot. */
  extension: string;
  /** Encodes a whole clip into a complete file (exact sizes and durations in its headers). */
  encode(samples: Float32Array): Promise<Uint8Array>;
  /** Starts an incremental encoder whose output can be sent while it is being produced. */
  createStreamEncoder(): StreamEncoder;
}

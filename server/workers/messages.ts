/**
 * Messages between the pool (main thread) and a synth worker. Everything is structured-
 * cloneable: errors travel as PlainError, audio as Float32Array copies.
 */
import type { Device, EngineInfo, SpeechInput, VoiceSource } from '../engine/tts-engine.ts';
import type { AudioFormat } from '../shared/audio-format.ts';
import type { PlainError } from '../shared/errors/plain-error.ts';
import type { GenerationParams } from '../shared/generation.ts';
import type { LanguageCode } from '../shared/languages.ts';

/** Passed as workerData: what the worker needs to build its engine. */
export interface WorkerInit {
  modelDir: string;
  variant?: 'fp32' | 'fp16' | 'q4' | 'q4f16';
  device: Device;
  intraOpThreads: number;
  voiceCacheSize: number;
  /** LUFS each chunk is normalized to; null keeps the decoder's level. @defaultValue the engine's (-16) */
  outputLoudnessLufs?: number | null;
  /** @defaultValue true */
  stopOnRepeatedToken?: boolean;
  /** Scheduling niceness of the worker thread (0 = unchanged, 19 = lowest priority). */
  nice: number;
}

export interface SynthesisTask {
  jobId: string;
  /** The text stage's chunks and pauses (prepared at submit). */
  script: SpeechInput;
  language: LanguageCode;
  voice: VoiceSource;
  params: GenerationParams;
  format: AudioFormat;
  /** Final path of the audio file; the worker writes it atomically. */
  outputPath: string;
  /** Tempo factor applied to each chunk after synthesis (pitch kept). @defaultValue 1 */
  speed?: number;
  /**
   * Where to also write the samples as raw 16-bit PCM when `format` is lossy, so later
   * conversions (?format=) start from the original samples, not from decoded mp3/opus/aac.
   */
  losslessCopyPath?: string;
}

export interface SynthesisOutcome {
  bytes: number;
  durationSeconds: number;
  sampleRate: number;
  chunks: number;
  speechTokens: number;
  /** Per chunk: what the model was given, what it dropped, and where the speech sits in the file. */
  spoken: SpokenChunkOutcome[];
  /** Hex digest of the file, used as the HTTP ETag. */
  digest: string;
  /** Wall time of synthesis plus encoding, for real-time-factor metrics. */
  computeSeconds: number;
}

export interface SpokenChunkOutcome {
  /** What the model was given (the chunk's spoken text after the tokenizer pass). */
  text: string;
  /** Characters the tokenizer could not map, dropped, with counts. */
  dropped: Record<string, number>;
  /** First sample of the chunk's speech in the final audio (after pauses, joins and speed). */
  startSample: number;
  /** Sample after the chunk's speech ends, before its pause. */
  endSample: number;
}

export type ToWorkerMessage =
  | { type: 'synthesize'; taskId: number; task: SynthesisTask }
  | { type: 'prepare_voice'; taskId: number; voice: VoiceSource }
  | { type: 'cancel'; taskId: number }
  | { type: 'close' };

export type FromWorkerMessage =
  | { type: 'ready'; info: EngineInfo }
  | { type: 'init_failed'; error: PlainError }
  | { type: 'chunk'; taskId: number; index: number; total: number; samples: Float32Array }
  | { type: 'done'; taskId: number; outcome: SynthesisOutcome }
  | { type: 'voice_prepared'; taskId: number }
  | { type: 'failed'; taskId: number; error: PlainError }
  | { type: 'closed' };

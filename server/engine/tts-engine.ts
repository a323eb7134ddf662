/**
 * The engine contract: what the worker layer may ask of a text-to-speech model.
 * One engine instance owns one device and runs one synthesis at a time.
 */
import type { GenerationParams } from '../shared/generation.ts';
import type { LanguageCode } from '../shared/languages.ts';
import type { SpeechScript } from '../text/speech-script.ts';

/** Which compute device an engine runs on: `cpu`, or one CUDA device per engine. */
export type Device = 'cpu' | `cuda:${number}`;

export interface EngineOptions {
  /** Folder holding the four graphs, tokenizer.json, default_voice.wav (real or tiny model). */
  modelDir: string;
  /** Language-model file variant inside `modelDir`; @defaultValue 'q4' (tiny models ignore it). */
  variant?: 'fp32' | 'fp16' | 'q4' | 'q4f16';
  /** @defaultValue 'cpu' */
  device?: Device;
  /** onnxruntime intra-op threads; 0 lets onnxruntime decide. @defaultValue 0 */
  intraOpThreads?: number;
  /** Voices whose conditioning stays in memory (least recently used are dropped). @defaultValue 16 */
  voiceCacheSize?: number;
  /**
   * Lowercase + NFKD the text like upstream's v2 tokenizer; the community export carries v1
   * weights trained without it. @defaultValue false
   */
  caseFoldText?: boolean;
  /**
   * Output loudness in LUFS (ITU-R BS.1770) each chunk is normalized to, within a -1 dBFS peak
   * ceiling; null leaves the decoder's level (only a peak above 1 is scaled back). @defaultValue -16
   */
  outputLoudnessLufs?: number | null;
  /**
   * End a chunk when two identical speech tokens follow each other (upstream multilingual v1/v2;
   * the v3 weights dropped the rule). @defaultValue true
   */
  stopOnRepeatedToken?: boolean;
}

/** A voice the engine can speak with. Its encoder outputs are cached at `conditioningPath`. */
export interface VoiceSource {
  /** Stable id and cache key; `default` is the model's own default_voice.wav. */
  id: string;
  /** Reference clip on disk (any common audio format); absent for the default voice. */
  clipPath?: string;
  /** File where the four speech-encoder outputs are persisted once computed. */
  conditioningPath: string;
}

export interface SynthesisChunk {
  /** 0-based index of the text chunk. */
  index: number;
  total: number;
  /**
   * 24 kHz mono samples of this chunk: the script's leading pause (first chunk only), the
   * speech, then the chunk's pause (none after the last).
   */
  samples: Float32Array;
  /** Samples of silence before the speech inside `samples` (the leading pause; 0 after the first chunk). */
  leadingSamples: number;
  /** Samples of speech inside `samples`, after `leadingSamples`; the rest is the pause. */
  speechSamples: number;
  /** What the model was given (after the tokenizer pass) and what it could not say. */
  spoken: SpokenChunk;
}

/** What the model was given for one chunk. */
interface SpokenChunk {
  /** The chunk's spoken text after characters the tokenizer cannot map were transliterated or dropped. */
  text: string;
  /** Characters dropped because the tokenizer has no token for them, with counts. */
  dropped: Record<string, number>;
}

/** What to say: the text stage's chunks (server/text) and the pauses around them. */
export type SpeechInput = Pick<SpeechScript, 'leadingPauseMs' | 'chunks'>;

export interface SynthesisRequest {
  script: SpeechInput;
  language: LanguageCode;
  voice: VoiceSource;
  params: GenerationParams;
  /** Aborting stops generation between decoding steps; the promise rejects with an AbortError. */
  signal?: AbortSignal;
  /** Called in order, as soon as each chunk's audio is ready (progress and streaming). */
  onChunk?: (chunk: SynthesisChunk) => void;
}

export interface SynthesisResult {
  /** 24 kHz mono: the leading pause, then every chunk followed by its pause (none after the last). */
  samples: Float32Array;
  sampleRate: number;
  chunks: number;
  /** Per chunk, in order: what the model was given and what it could not say. */
  spoken: SpokenChunk[];
  /** Speech tokens generated over all chunks (for real-time-factor metrics). */
  speechTokens: number;
}

export interface EngineInfo {
  model: string;
  device: Device;
}

export interface TtsEngine {
  readonly info: EngineInfo;
  synthesize(request: SynthesisRequest): Promise<SynthesisResult>;
  /** Encodes a voice once and caches it (memory and `conditioningPath`); rejects a clip it cannot use. */
  prepareVoice(voice: VoiceSource): Promise<void>;
  /** Releases the onnxruntime sessions. Idempotent. */
  close(): Promise<void>;
}

import type { LogLevel } from '../shared/logger.ts';
import type { StoreLocation } from './store-url.ts';

/** Same shape as the engine's Device; config/ may not import engine/, so it is restated here. */
export type DeviceName = 'cpu' | `cuda:${number}`;

/** The validated, frozen configuration every layer receives from the composition. */
export interface Config {
  readonly http: {
    readonly port: number;
    readonly host: string;
    /** Empty: no authentication (allowed on loopback, or with allowUnauthenticated). */
    readonly apiKeys: readonly string[];
    readonly allowUnauthenticated: boolean;
    /** Empty: no CORS headers; `*` allows any origin. */
    readonly corsOrigins: readonly string[];
    readonly maxBodyBytes: number;
  };
  /** Holds the job database, audio, voices. */
  readonly dataDir: string;
  readonly model: {
    /** Preset (q4, q4f16, fp16, fp32, tiny, tiny-slow) or a model folder path. */
    readonly name: string;
    readonly cacheDir: string;
    readonly allowDownload: boolean;
    /** Where downloads come from: a mirror, or the hub (HF_ENDPOINT) with an optional token (HF_TOKEN). */
    readonly downloadSource: { readonly mirrorUrl?: string; readonly baseUrl?: string; readonly token?: string };
    /** One worker thread (one engine) per entry. */
    readonly devices: readonly DeviceName[];
    readonly intraOpThreads: number;
    readonly voiceCacheSize: number;
    /** LUFS each chunk is normalized to; null keeps the decoder's level. */
    readonly outputLoudnessLufs: number | null;
    /** Upstream's two-identical-tokens stop rule. */
    readonly stopOnRepeatedToken: boolean;
    /** Niceness of synthesis threads, so HTTP stays responsive under load (Linux). */
    readonly workerNice: number;
  };
  readonly limits: {
    readonly maxTextChars: number;
    readonly voiceMaxBytes: number;
    readonly voiceMinSeconds: number;
    readonly voiceMaxSeconds: number;
    readonly maxQueuedJobs: number;
    /** Free bytes on the data directory below which health reports degraded; 0 never. */
    readonly minFreeDiskBytes: number;
  };
  /** Defaults of the text stage (server/text); a request's `normalize` overrides that one. Same names as its SpeechOptions. */
  readonly text: {
    readonly normalize: boolean;
    readonly sentencePauseMs: number;
    readonly paragraphPauseMs: number;
    readonly maxPauseMs: number;
    readonly codeBlocks: 'phrase' | 'drop';
    readonly tables: 'read' | 'phrase' | 'drop';
    readonly urls: 'say' | 'drop';
  };
  readonly jobs: {
    /** Age after which jobs and their files are removed; null keeps them forever. */
    readonly retentionMs: number | null;
    /** Age after which finished /v1/audio/speech jobs are removed (when shorter than retentionMs); 0: at the next sweep. */
    readonly openAiRetentionMs: number;
    readonly sweepIntervalMs: number;
    /** Starts of one job (crash recovery included) before it is marked FAILED. */
    readonly maxAttempts: number;
    readonly idempotencyTtlMs: number;
    readonly shutdownGraceMs: number;
  };
  readonly callbacks: {
    /** Signs callback bodies (X-Chatterbox-Signature) when set. */
    readonly secret: string | null;
    readonly maxAttempts: number;
    readonly retryBaseMs: number;
    readonly retryMaxMs: number;
    readonly timeoutMs: number;
    /** Empty: any host. */
    readonly allowedHosts: readonly string[];
    readonly denyPrivateAddresses: boolean;
  };
  readonly openai: {
    /** Lower-case alias (e.g. an OpenAI voice name) -> voice id or voice name; over the built-in map of OpenAI names to the default voice. */
    readonly voiceAliases: Readonly<Record<string, string>>;
    /** Unknown request fields are a 400 instead of being ignored (and listed in X-Chatterbox-Ignored). */
    readonly strict: boolean;
  };
  /** Which parts this process runs, and how it shares jobs with the other processes (docs/scale-out.md). */
  readonly deployment: {
    /** all: HTTP and engines; api: HTTP only; worker: engines only. */
    readonly role: 'all' | 'api' | 'worker';
    /** local: in-process queue and events; redis: BullMQ queue, pub/sub events, shared locks. */
    readonly queue: 'local' | 'redis';
    readonly redisUrl: string;
    /** Prefix of every Redis key and channel of the deployment. */
    readonly redisPrefix: string;
    /** Lock lifetime of a running job: how soon a dead worker's job goes to another. */
    readonly stalledMs: number;
    /** Presence heartbeat period (cluster /health and /metrics). */
    readonly heartbeatMs: number;
  };
  /** Where job and voice records live. */
  readonly store: {
    readonly location: StoreLocation;
    /** PostgreSQL table of a postgres:// store. */
    readonly table: string;
  };
  readonly logLevel: LogLevel;
  /** systemd's JOURNAL_STREAM, when set: the logger prefixes priorities if stdout is that stream. */
  readonly journalStream: string | null;
}

import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { ConfigError } from '../shared/errors/config-error.ts';
import type { Config, DeviceName } from './config.ts';
import { envSchema, type Env } from './env.schema.ts';

const MS_PER_SECOND = 1000;
const MS_PER_HOUR = 3600 * MS_PER_SECOND;
const MS_PER_DAY = 24 * MS_PER_HOUR;
const BYTES_PER_MEBIBYTE = 1024 * 1024;
const KNOWN_NAMES = new Set(Object.keys(envSchema.shape));
/** Variables other tools read (test suites), not typos of ours. */
const FOREIGN_PREFIXES = ['CHATTERBOX_TEST_', 'CHATTERBOX_NODE24_'];

export interface LoadedConfig {
  config: Config;
  /** Non-fatal findings (e.g. an unknown CHATTERBOX_ variable, likely a typo) for the log. */
  warnings: string[];
}

/**
 * Parses the environment once. Every problem is collected before failing, so an operator
 * fixes them in one go. This is the only reader of `process.env` in the service.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  if (parsed.success) problems.push(...crossFieldProblems(parsed.data));
  if (!parsed.success || problems.length > 0) throw new ConfigError('Invalid configuration', { problems });
  return { config: deepFreeze(toConfig(parsed.data)), warnings: unknownVariables(env) };
}

function crossFieldProblems(env: Env): string[] {
  const problems: string[] = [];
  if (env.CHATTERBOX_VOICE_MIN_SECONDS >= env.CHATTERBOX_VOICE_MAX_SECONDS) {
    problems.push('CHATTERBOX_VOICE_MIN_SECONDS must be below CHATTERBOX_VOICE_MAX_SECONDS');
  }
  problems.push(...deploymentProblems(env));
  const unauthenticated = env.CHATTERBOX_API_KEYS.length === 0;
  const servesHttp = env.CHATTERBOX_ROLE !== 'worker';
  if (servesHttp && unauthenticated && !isLoopbackHost(env.CHATTERBOX_HOST) && !env.CHATTERBOX_ALLOW_UNAUTHENTICATED) {
    problems.push(
      `CHATTERBOX_HOST=${env.CHATTERBOX_HOST} is reachable from other machines but CHATTERBOX_API_KEYS is empty: ` +
        'set API keys, bind 127.0.0.1, or set CHATTERBOX_ALLOW_UNAUTHENTICATED=true to accept the risk',
    );
  }
  return problems;
}

/** Separate API and worker processes need a queue and a store they all reach. */
function deploymentProblems(env: Env): string[] {
  const problems: string[] = [];
  if (env.CHATTERBOX_ROLE !== 'all' && env.CHATTERBOX_QUEUE !== 'redis') {
    problems.push(
      `CHATTERBOX_ROLE=${env.CHATTERBOX_ROLE} shares jobs with other processes: set CHATTERBOX_QUEUE=redis ` +
        '(and CHATTERBOX_REDIS_URL), or use CHATTERBOX_ROLE=all for a single process',
    );
  }
  if (env.CHATTERBOX_QUEUE === 'redis' && env.CHATTERBOX_STORE_URL.kind === 'sqlite') {
    problems.push(
      'CHATTERBOX_QUEUE=redis lets processes on several machines run jobs, but the records would be in a SQLite ' +
        'file only this machine sees: set CHATTERBOX_STORE_URL=postgres://… (or redis://…)',
    );
  }
  return problems;
}

/** Loopback names only; 0.0.0.0 and :: listen on every interface. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

function unknownVariables(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env)
    .filter((name) => name.startsWith('CHATTERBOX_') && !KNOWN_NAMES.has(name))
    .filter((name) => !FOREIGN_PREFIXES.some((prefix) => name.startsWith(prefix)))
    .map((name) => `${name} is not a known setting and is ignored (typo?)`);
}

function toConfig(env: Env): Config {
  return {
    http: {
      port: env.CHATTERBOX_PORT,
      host: env.CHATTERBOX_HOST,
      apiKeys: env.CHATTERBOX_API_KEYS,
      allowUnauthenticated: env.CHATTERBOX_ALLOW_UNAUTHENTICATED,
      corsOrigins: env.CHATTERBOX_CORS_ORIGINS,
      maxBodyBytes: env.CHATTERBOX_MAX_BODY_BYTES,
    },
    dataDir: resolve(env.CHATTERBOX_DATA_DIR),
    model: {
      name: modelName(env),
      cacheDir: resolve(env.CHATTERBOX_MODEL_CACHE_DIR),
      allowDownload: env.CHATTERBOX_MODEL_DOWNLOAD,
      downloadSource: { mirrorUrl: env.CHATTERBOX_MODEL_BASE_URL, baseUrl: env.HF_ENDPOINT, token: env.HF_TOKEN },
      devices: env.CHATTERBOX_DEVICES as DeviceName[],
      intraOpThreads: env.CHATTERBOX_INTRA_OP_THREADS,
      voiceCacheSize: env.CHATTERBOX_VOICE_CACHE_SIZE,
      outputLoudnessLufs: env.CHATTERBOX_OUTPUT_LOUDNESS_LUFS === 'off' ? null : env.CHATTERBOX_OUTPUT_LOUDNESS_LUFS,
      stopOnRepeatedToken: env.CHATTERBOX_STOP_ON_REPEATED_TOKEN,
      workerNice: env.CHATTERBOX_WORKER_NICE,
    },
    limits: {
      maxTextChars: env.CHATTERBOX_MAX_TEXT_CHARS,
      voiceMaxBytes: env.CHATTERBOX_VOICE_MAX_BYTES,
      voiceMinSeconds: env.CHATTERBOX_VOICE_MIN_SECONDS,
      voiceMaxSeconds: env.CHATTERBOX_VOICE_MAX_SECONDS,
      maxQueuedJobs: env.CHATTERBOX_MAX_QUEUED_JOBS,
      minFreeDiskBytes: env.CHATTERBOX_MIN_FREE_DISK_MB * BYTES_PER_MEBIBYTE,
    },
    text: {
      normalize: env.CHATTERBOX_TEXT_NORMALIZE,
      sentencePauseMs: env.CHATTERBOX_SENTENCE_PAUSE_MS,
      paragraphPauseMs: env.CHATTERBOX_PARAGRAPH_PAUSE_MS,
      maxPauseMs: env.CHATTERBOX_MAX_PAUSE_MS,
      codeBlocks: env.CHATTERBOX_TEXT_CODE_BLOCKS,
      tables: env.CHATTERBOX_TEXT_TABLES,
      urls: env.CHATTERBOX_TEXT_URLS,
    },
    jobs: {
      retentionMs: env.CHATTERBOX_RETENTION_DAYS === 0 ? null : env.CHATTERBOX_RETENTION_DAYS * MS_PER_DAY,
      openAiRetentionMs: env.CHATTERBOX_OPENAI_RETENTION_HOURS * MS_PER_HOUR,
      sweepIntervalMs: env.CHATTERBOX_SWEEP_INTERVAL_SECONDS * MS_PER_SECOND,
      maxAttempts: env.CHATTERBOX_MAX_ATTEMPTS,
      idempotencyTtlMs: env.CHATTERBOX_IDEMPOTENCY_TTL_HOURS * MS_PER_HOUR,
      shutdownGraceMs: env.CHATTERBOX_SHUTDOWN_GRACE_SECONDS * MS_PER_SECOND,
    },
    callbacks: {
      secret: env.CHATTERBOX_CALLBACK_SECRET ?? null,
      maxAttempts: env.CHATTERBOX_CALLBACK_MAX_ATTEMPTS,
      retryBaseMs: env.CHATTERBOX_CALLBACK_RETRY_BASE_SECONDS * MS_PER_SECOND,
      retryMaxMs: env.CHATTERBOX_CALLBACK_RETRY_MAX_SECONDS * MS_PER_SECOND,
      timeoutMs: env.CHATTERBOX_CALLBACK_TIMEOUT_SECONDS * MS_PER_SECOND,
      allowedHosts: env.CHATTERBOX_CALLBACK_ALLOWED_HOSTS,
      denyPrivateAddresses: env.CHATTERBOX_CALLBACK_DENY_PRIVATE,
    },
    openai: { voiceAliases: voiceAliases(env.CHATTERBOX_OPENAI_VOICES), strict: env.CHATTERBOX_OPENAI_STRICT },
    deployment: {
      role: env.CHATTERBOX_ROLE,
      queue: env.CHATTERBOX_QUEUE,
      redisUrl: env.CHATTERBOX_REDIS_URL,
      redisPrefix: env.CHATTERBOX_REDIS_PREFIX,
      stalledMs: env.CHATTERBOX_STALLED_SECONDS * MS_PER_SECOND,
      heartbeatMs: env.CHATTERBOX_HEARTBEAT_SECONDS * MS_PER_SECOND,
    },
    store: {
      location: env.CHATTERBOX_STORE_URL,
      table: env.CHATTERBOX_STORE_TABLE,
    },
    logLevel: env.CHATTERBOX_LOG_LEVEL,
    journalStream: env.JOURNAL_STREAM ?? null,
  };
}

/**
 * A folder is passed on as an absolute path; presets stay names. Unset: q4f16 when every device
 * is CUDA (q4's float32 attention op has no CUDA kernel and falls back to the CPU), else q4.
 */
function modelName(env: Env): string {
  const model = env.CHATTERBOX_MODEL;
  if (model === undefined) return env.CHATTERBOX_DEVICES.every((d) => d.startsWith('cuda:')) ? 'q4f16' : 'q4';
  return model.includes('/') ? resolve(model) : model;
}

/** `alias=voice` pairs to a lookup by lower-case alias. */
function voiceAliases(pairs: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const [alias, voice] = pair.split('=').map((part) => part.trim());
      return [alias!.toLowerCase(), voice!];
    }),
  );
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

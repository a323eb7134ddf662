/**
 * The one description of the service's environment: names, defaults, bounds. README's
 * configuration table mirrors this file.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LOG_LEVELS } from '../shared/logger.ts';
import { envBoolean, envChoice, envInt, envList, envNumber, envString } from './env-parsers.ts';
import { parseStoreUrl } from './store-url.ts';

/** Repository root: defaults for data and model cache live beside the code on a fresh clone. */
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const DEFAULT_PORT = 8123;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = `${REPO_ROOT}data`;
export const DEFAULT_MODEL_CACHE_DIR = `${REPO_ROOT}models/cache`;
/** Keys shorter than this are refused: they would be guessable by brute force. */
export const MIN_API_KEY_LENGTH = 16;
const KIBIBYTE = 1024;
/** Upper bound of the pause settings: a minute of silence is surely a mistake. */
const MAX_PAUSE_MS = 60_000;
const MEBIBYTE = 1024 * KIBIBYTE;

/** Callback signatures with a shorter secret could be brute-forced. */
export const MIN_CALLBACK_SECRET_LENGTH = 16;
const ALLOWED_HOST_PATTERN = /^(\*\.)?[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$|^[0-9a-f:]+$/i;
/** `alias=voice`; the voice part is an id or a name and may contain spaces. */
const VOICE_ALIAS_PATTERN = /^[^=\s]+\s*=\s*[^=]+$/;
const DEVICE_PATTERN = /^(cpu|cuda:\d{1,2})$/;
const MODEL_PRESETS = ['q4', 'q4f16', 'fp16', 'fp32', 'tiny', 'tiny-slow'];
export const PROCESS_ROLES = ['all', 'api', 'worker'] as const;
export const QUEUE_KINDS = ['local', 'redis'] as const;
const REDIS_URL_PATTERN = /^rediss?:\/\//;
const REDIS_PREFIX_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
/** PostgreSQL identifier the adapter may use unquoted. */
const TABLE_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

function optionalUrl() {
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined),
    z.string().regex(/^https?:\/\//, 'expected an http(s):// URL').optional(),
  );
}

export const envSchema = z.object({
  CHATTERBOX_PORT: envInt({ min: 0, max: 65_535, fallback: DEFAULT_PORT }),
  CHATTERBOX_HOST: envString(DEFAULT_HOST),
  CHATTERBOX_DATA_DIR: envString(DEFAULT_DATA_DIR),
  CHATTERBOX_MODEL: z
    .preprocess(
      (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined),
      z
        .string()
        .refine((model) => MODEL_PRESETS.includes(model) || model.includes('/'), {
          message: `expected one of ${MODEL_PRESETS.join(', ')} or a path to a model folder`,
        })
        .optional(),
    )
    .describe('Model preset or folder; unset: q4 on CPU, q4f16 when every device is CUDA (q4 has no CUDA kernel for its attention op).'),
  CHATTERBOX_MODEL_CACHE_DIR: envString(DEFAULT_MODEL_CACHE_DIR),
  CHATTERBOX_MODEL_DOWNLOAD: envBoolean(true),
  CHATTERBOX_MODEL_BASE_URL: optionalUrl().describe('Mirror holding the model repo files at <url>/<path> (e.g. onnx/embed_tokens.onnx); used instead of the hub.'),
  HF_ENDPOINT: optionalUrl().describe('Hugging Face hub address for model downloads (default https://huggingface.co).'),
  HF_TOKEN: z
    .preprocess((value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined), z.string().optional())
    .describe('Token sent to the hub (not to a mirror) when downloading the model.'),
  CHATTERBOX_DEVICES: envList(z.string().regex(DEVICE_PATTERN, 'expected cpu or cuda:<n>'), 'cpu').refine(
    (devices) => devices.length > 0,
    { message: 'name at least one device' },
  ),
  CHATTERBOX_OUTPUT_LOUDNESS_LUFS: z
    .preprocess(
      (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : undefined),
      z.union([z.literal('off'), z.coerce.number().min(-70).max(-1)]).default(-16),
    )
    .describe('Loudness (ITU-R BS.1770 LUFS) each synthesized chunk is normalized to, within a -1 dBFS peak; off keeps the decoder level.'),
  CHATTERBOX_STOP_ON_REPEATED_TOKEN: envBoolean(true).describe(
    'End a chunk when two identical speech tokens follow each other (upstream multilingual v1/v2 rule; turn off for v3 weights).',
  ),
  CHATTERBOX_INTRA_OP_THREADS: envInt({ min: 0, max: 256, fallback: 0 }),
  CHATTERBOX_VOICE_CACHE_SIZE: envInt({ min: 1, max: 1000, fallback: 16 }),
  CHATTERBOX_WORKER_NICE: envInt({ min: 0, max: 19, fallback: 10 }),
  CHATTERBOX_API_KEYS: envList(
    z.string().min(MIN_API_KEY_LENGTH, `each API key needs at least ${MIN_API_KEY_LENGTH} characters`),
    '',
  ),
  CHATTERBOX_ALLOW_UNAUTHENTICATED: envBoolean(false),
  CHATTERBOX_CORS_ORIGINS: envList(z.string().min(1), ''),
  CHATTERBOX_RETENTION_DAYS: envNumber({ min: 0, max: 36_500, fallback: 30 }),
  CHATTERBOX_SWEEP_INTERVAL_SECONDS: envInt({ min: 1, max: 86_400, fallback: 600 }),
  CHATTERBOX_MAX_TEXT_CHARS: envInt({ min: 1, max: 1_000_000, fallback: 20_000 }),
  // The text stage's defaults (server/text/speech-options.ts); test/server/config checks they agree.
  CHATTERBOX_TEXT_NORMALIZE: envBoolean(true).describe('Turn Markdown, numbers, symbols, URLs and emojis into words unless a request sends normalize: false.'),
  CHATTERBOX_SENTENCE_PAUSE_MS: envInt({ min: 0, max: MAX_PAUSE_MS, fallback: 150 }).describe('Silence after a sentence, in milliseconds.'),
  CHATTERBOX_PARAGRAPH_PAUSE_MS: envInt({ min: 0, max: MAX_PAUSE_MS, fallback: 600 }).describe('Silence after a paragraph, heading, list item or table, in milliseconds.'),
  CHATTERBOX_MAX_PAUSE_MS: envInt({ min: 0, max: MAX_PAUSE_MS, fallback: 10_000 }).describe('Longest single pause, inline [pause] and <break> tags included.'),
  CHATTERBOX_TEXT_CODE_BLOCKS: envChoice(['phrase', 'drop'] as const, 'phrase').describe('Code blocks: a short phrase in the language ("code block") or nothing.'),
  CHATTERBOX_TEXT_TABLES: envChoice(['read', 'phrase', 'drop'] as const, 'read').describe('Markdown tables: read row by row, a short phrase, or nothing.'),
  CHATTERBOX_TEXT_URLS: envChoice(['say', 'drop'] as const, 'say').describe('URLs and e-mail addresses: said shortly ("example dot com") or dropped.'),
  CHATTERBOX_MAX_BODY_BYTES: envInt({ min: KIBIBYTE, max: 64 * MEBIBYTE, fallback: 512 * KIBIBYTE }),
  CHATTERBOX_VOICE_MAX_BYTES: envInt({ min: KIBIBYTE, max: 512 * MEBIBYTE, fallback: 20 * MEBIBYTE }),
  CHATTERBOX_VOICE_MIN_SECONDS: envNumber({ min: 0.1, max: 600, fallback: 1 }),
  CHATTERBOX_VOICE_MAX_SECONDS: envNumber({ min: 0.1, max: 600, fallback: 30 }),
  CHATTERBOX_MAX_QUEUED_JOBS: envInt({ min: 1, max: 10_000_000, fallback: 10_000 }),
  CHATTERBOX_MAX_ATTEMPTS: envInt({ min: 1, max: 100, fallback: 3 }),
  CHATTERBOX_IDEMPOTENCY_TTL_HOURS: envNumber({ min: 0.01, max: 24 * 365, fallback: 24 }),
  CHATTERBOX_SHUTDOWN_GRACE_SECONDS: envNumber({ min: 0, max: 3600, fallback: 30 }),
  CHATTERBOX_CALLBACK_SECRET: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined),
    z.string().min(MIN_CALLBACK_SECRET_LENGTH, `needs at least ${MIN_CALLBACK_SECRET_LENGTH} characters`).optional(),
  ),
  CHATTERBOX_CALLBACK_MAX_ATTEMPTS: envInt({ min: 1, max: 50, fallback: 5 }),
  CHATTERBOX_CALLBACK_RETRY_BASE_SECONDS: envNumber({ min: 0.01, max: 3600, fallback: 2 }),
  CHATTERBOX_CALLBACK_RETRY_MAX_SECONDS: envNumber({ min: 0.01, max: 86_400, fallback: 300 }),
  CHATTERBOX_CALLBACK_TIMEOUT_SECONDS: envNumber({ min: 0.1, max: 600, fallback: 10 }),
  CHATTERBOX_CALLBACK_ALLOWED_HOSTS: envList(z.string().regex(ALLOWED_HOST_PATTERN, 'expected host, *.domain, host:port or [ipv6]:port'), ''),
  CHATTERBOX_CALLBACK_DENY_PRIVATE: envBoolean(false),
  CHATTERBOX_OPENAI_VOICES: envList(z.string().regex(VOICE_ALIAS_PATTERN, 'expected alias=voice (voice id or name)'), ''),
  CHATTERBOX_ROLE: envChoice(PROCESS_ROLES, 'all'),
  CHATTERBOX_QUEUE: envChoice(QUEUE_KINDS, 'local'),
  CHATTERBOX_REDIS_URL: envString('redis://127.0.0.1:6379').refine((url) => REDIS_URL_PATTERN.test(url), {
    message: 'expected redis://[:password@]host[:port][/db] or rediss://…',
  }),
  CHATTERBOX_REDIS_PREFIX: envString('chatterbox').refine((prefix) => REDIS_PREFIX_PATTERN.test(prefix), {
    message: 'expected 1-64 letters, digits or _ . : -',
  }),
  CHATTERBOX_STORE_URL: z.preprocess(
    (value) => (typeof value === 'string' ? value : ''),
    z.string().transform((raw, ctx) => {
      const location = parseStoreUrl(raw);
      if (typeof location !== 'string') return location;
      ctx.addIssue({ code: 'custom', message: location });
      return z.NEVER;
    }),
  ),
  CHATTERBOX_STORE_TABLE: envString('chatterbox_records').refine((table) => TABLE_PATTERN.test(table), {
    message: 'expected a lower-case SQL name: letters, digits and _, at most 63',
  }),
  CHATTERBOX_STALLED_SECONDS: envNumber({ min: 1, max: 3600, fallback: 30 }),
  CHATTERBOX_HEARTBEAT_SECONDS: envNumber({ min: 0.1, max: 300, fallback: 5 }),
  /** Set by systemd when stdout is the journal: log lines then carry their priority. */
  JOURNAL_STREAM: z.string().optional(),
  CHATTERBOX_LOG_LEVEL: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : undefined),
    z.enum(LOG_LEVELS).default('info'),
  ),
});

export type Env = z.infer<typeof envSchema>;

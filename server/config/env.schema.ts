/**
 * The one description of the service's environment: names, defaults, bounds and meaning.
 * Every variable carries a description (`.describe()`, or `.meta({ description, defaultText })`
 * when the default needs words rather than the parsed value); `npm run docs:config` writes the
 * configuration table in docs/operations.md from them, and a test keeps the two in step.
 */
import { z } from 'zod';
import { LOG_LEVELS } from '../shared/logger.ts';
import { REPO_ROOT } from '../shared/runtime-paths.ts';
import { envBoolean, envChoice, envInt, envList, envNumber, envString } from './env-parsers.ts';
import { parseStoreUrl } from './store-url.ts';

// Defaults for data and model cache live beside the code on a fresh clone (REPO_ROOT).

const DEFAULT_PORT = 8123;
const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_DATA_DIR = `${REPO_ROOT}data`;
export const DEFAULT_MODEL_CACHE_DIR = `${REPO_ROOT}models/cache`;
/** Keys shorter than this are refused: they would be guessable by brute force. */
const MIN_API_KEY_LENGTH = 16;
const KIBIBYTE = 1024;
/** Upper bound of the pause settings: a minute of silence is surely a mistake. */
const MAX_PAUSE_MS = 60_000;
const MEBIBYTE = 1024 * KIBIBYTE;

/** Callback signatures with a shorter secret could be brute-forced. */
const MIN_CALLBACK_SECRET_LENGTH = 16;
const ALLOWED_HOST_PATTERN = /^(\*\.)?[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$|^[0-9a-f:]+$/i;
/** `alias=voice`; the voice part is an id or a name and may contain spaces. */
const VOICE_ALIAS_PATTERN = /^[^=\s]+\s*=\s*[^=]+$/;
const DEVICE_PATTERN = /^(cpu|cuda:\d{1,2})$/;
const MODEL_PRESETS = ['q4', 'q4f16', 'fp16', 'fp32', 'tiny', 'tiny-slow'];
const PROCESS_ROLES = ['all', 'api', 'worker'] as const;
const QUEUE_KINDS = ['local', 'redis'] as const;
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
  CHATTERBOX_PORT: envInt({ min: 0, max: 65_535, fallback: DEFAULT_PORT }).describe('HTTP port (`0` = any free port)'),
  CHATTERBOX_HOST: envString(DEFAULT_HOST).describe(
    'Bind address. A non-loopback address (e.g. `0.0.0.0`) needs `CHATTERBOX_API_KEYS` or `CHATTERBOX_ALLOW_UNAUTHENTICATED=true`, otherwise start-up is refused',
  ),
  CHATTERBOX_DATA_DIR: envString(DEFAULT_DATA_DIR).meta({
    description: 'Where jobs, audio and voices live (see [Data directory](#data-directory-and-persistence))',
    defaultText: '`<repo>/data`',
  }),
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
    .meta({
      description:
        '`q4`, `q4f16`, `fp16`, `fp32` (real model), `tiny`, `tiny-slow` (stand-ins for tests), or a path to a model folder ([model.md](model.md#choosing-a-model-chatterbox_model)). `q4` has no CUDA kernel for its attention op, hence `q4f16` on CUDA',
      defaultText: '`q4` on CPU, `q4f16` when every device is CUDA',
    }),
  CHATTERBOX_MODEL_CACHE_DIR: envString(DEFAULT_MODEL_CACHE_DIR).meta({
    description: 'Where models are downloaded or generated',
    defaultText: '`<repo>/models/cache`',
  }),
  CHATTERBOX_MODEL_DOWNLOAD: envBoolean(true).describe(
    'Download missing model files from Hugging Face (pinned revision, sizes and SHA-256 checked). With `false`, start-up reports which files are missing',
  ),
  CHATTERBOX_MODEL_BASE_URL: optionalUrl().describe(
    "A mirror holding the model repo's files at `<url>/<path>` (e.g. `onnx/embed_tokens.onnx`), used instead of the hub",
  ),
  HF_ENDPOINT: optionalUrl().meta({
    description: "The Hugging Face hub's address for model downloads",
    defaultText: '`https://huggingface.co`',
  }),
  HF_TOKEN: z
    .preprocess((value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined), z.string().optional())
    .describe('Bearer token sent to the hub (not to a mirror) when downloading the model'),
  CHATTERBOX_DEVICES: envList(z.string().regex(DEVICE_PATTERN, 'expected cpu or cuda:<n>'), 'cpu')
    .refine((devices) => devices.length > 0, { message: 'name at least one device' })
    .describe('One worker (one engine) per entry, e.g. `cuda:0,cuda:1` or `cpu,cpu`'),
  CHATTERBOX_OUTPUT_LOUDNESS_LUFS: z
    .preprocess(
      (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : undefined),
      z.union([z.literal('off'), z.coerce.number().min(-70).max(-1)]).default(-16),
    )
    .describe(
      "Loudness (ITU-R BS.1770 LUFS) each synthesized chunk is normalized to, within a -1 dBFS peak; `off` keeps the decoder's level",
    ),
  CHATTERBOX_STOP_ON_REPEATED_TOKEN: envBoolean(true).describe(
    'End a chunk on two identical speech tokens in a row (upstream multilingual v1/v2 rule); `false` for v3 weights',
  ),
  CHATTERBOX_INTRA_OP_THREADS: envInt({ min: 0, max: 256, fallback: 0 }).describe(
    'onnxruntime threads per engine (`0` = onnxruntime decides)',
  ),
  CHATTERBOX_VOICE_CACHE_SIZE: envInt({ min: 1, max: 1000, fallback: 16 }).describe(
    'Voices whose conditioning each engine keeps in memory',
  ),
  CHATTERBOX_WORKER_NICE: envInt({ min: 0, max: 19, fallback: 10 }).describe(
    'Linux scheduling niceness of synthesis threads (0–19). HTTP keeps priority, so status requests stay fast while every core synthesizes',
  ),
  CHATTERBOX_API_KEYS: envList(
    z
      .string()
      .min(MIN_API_KEY_LENGTH, `each API key needs at least ${MIN_API_KEY_LENGTH} characters`)
      // A client cannot send a key with whitespace in an Authorization header: it would never match.
      .regex(/^\S+$/, 'an API key must not contain whitespace (it could never match a request)'),
    '',
  ).describe(`Comma-separated bearer keys, each at least ${MIN_API_KEY_LENGTH} characters and without whitespace (a key with a space could never match; start-up is refused). Empty = no authentication`),
  CHATTERBOX_ALLOW_UNAUTHENTICATED: envBoolean(false).describe(
    'Accept the risk of serving other machines without API keys (e.g. behind an authenticating proxy)',
  ),
  CHATTERBOX_CORS_ORIGINS: envList(z.string().min(1), '').describe(
    'Comma-separated allowed browser origins, or `*`. Empty = no CORS headers (same origin only)',
  ),
  CHATTERBOX_RETENTION_DAYS: envNumber({ min: 0, max: 36_500, fallback: 30 }).describe(
    'Jobs and their audio older than this are removed (`0` = keep forever)',
  ),
  CHATTERBOX_SWEEP_INTERVAL_SECONDS: envInt({ min: 1, max: 86_400, fallback: 600 }).describe(
    'How often the retention sweeper runs (it also runs at start-up)',
  ),
  CHATTERBOX_MAX_TEXT_CHARS: envInt({ min: 1, max: 1_000_000, fallback: 20_000 }).describe(
    'Longest text per job (long texts are split into sentence chunks)',
  ),
  // The text stage's defaults (server/text/speech-options.ts); test/server/config checks they agree.
  CHATTERBOX_TEXT_NORMALIZE: envBoolean(true).describe('Turn Markdown, numbers, symbols, URLs and emojis into words unless a request sends `normalize: false`'),
  CHATTERBOX_SENTENCE_PAUSE_MS: envInt({ min: 0, max: MAX_PAUSE_MS, fallback: 150 }).describe('Silence after a sentence, in milliseconds'),
  CHATTERBOX_PARAGRAPH_PAUSE_MS: envInt({ min: 0, max: MAX_PAUSE_MS, fallback: 600 }).describe('Silence after a paragraph, heading, list item or table, in milliseconds'),
  CHATTERBOX_MAX_PAUSE_MS: envInt({ min: 0, max: MAX_PAUSE_MS, fallback: 10_000 }).describe('Longest single pause, inline `[pause]` and `<break>` tags included'),
  CHATTERBOX_TEXT_CODE_BLOCKS: envChoice(['phrase', 'drop'] as const, 'phrase').describe('Code blocks: a short phrase in the language ("code block") or nothing'),
  CHATTERBOX_TEXT_TABLES: envChoice(['read', 'phrase', 'drop'] as const, 'read').describe('Markdown tables: read row by row, a short phrase, or nothing'),
  CHATTERBOX_TEXT_URLS: envChoice(['say', 'drop'] as const, 'say').describe('URLs and e-mail addresses: said shortly ("example dot com") or dropped'),
  CHATTERBOX_MAX_BODY_BYTES: envInt({ min: KIBIBYTE, max: 64 * MEBIBYTE, fallback: 512 * KIBIBYTE }).describe(
    'Largest JSON request body (512 KiB)',
  ),
  CHATTERBOX_VOICE_MAX_BYTES: envInt({ min: KIBIBYTE, max: 512 * MEBIBYTE, fallback: 20 * MEBIBYTE }).describe(
    'Largest voice upload (20 MiB)',
  ),
  CHATTERBOX_VOICE_MIN_SECONDS: envNumber({ min: 0.1, max: 600, fallback: 1 }).describe('Shortest reference clip'),
  CHATTERBOX_VOICE_MAX_SECONDS: envNumber({ min: 0.1, max: 600, fallback: 30 }).describe('Longest reference clip'),
  CHATTERBOX_MAX_QUEUED_JOBS: envInt({ min: 1, max: 10_000_000, fallback: 10_000 }).describe(
    'Jobs waiting beyond this get `503 queue_full`',
  ),
  CHATTERBOX_MAX_ATTEMPTS: envInt({ min: 1, max: 100, fallback: 3 }).describe(
    'Starts of one job (including restarts after a crash) before it is marked FAILED (`too_many_attempts`)',
  ),
  CHATTERBOX_MIN_FREE_DISK_MB: envInt({ min: 0, max: 100_000_000, fallback: 512 }).describe(
    'Free space on the data directory below which /health reports degraded (0: never)',
  ),
  CHATTERBOX_IDEMPOTENCY_TTL_HOURS: envNumber({ min: 0.01, max: 24 * 365, fallback: 24 }).describe(
    'How long an `Idempotency-Key` maps to its job',
  ),
  CHATTERBOX_SHUTDOWN_GRACE_SECONDS: envNumber({ min: 0, max: 3600, fallback: 30 }).describe(
    'Time running jobs get to finish on SIGTERM',
  ),
  CHATTERBOX_CALLBACK_SECRET: z
    .preprocess(
      (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined),
      z.string().min(MIN_CALLBACK_SECRET_LENGTH, `needs at least ${MIN_CALLBACK_SECRET_LENGTH} characters`).optional(),
    )
    .meta({
      description: `Shared secret for \`X-Chatterbox-Signature\`; at least ${MIN_CALLBACK_SECRET_LENGTH} characters`,
      defaultText: '*(unset: unsigned)*',
    }),
  CHATTERBOX_CALLBACK_MAX_ATTEMPTS: envInt({ min: 1, max: 50, fallback: 5 }).describe('Callback POSTs before giving up'),
  CHATTERBOX_CALLBACK_RETRY_BASE_SECONDS: envNumber({ min: 0.01, max: 3600, fallback: 2 }).describe(
    'First callback retry delay (doubles each time, with jitter)',
  ),
  CHATTERBOX_CALLBACK_RETRY_MAX_SECONDS: envNumber({ min: 0.01, max: 86_400, fallback: 300 }).describe(
    'Longest delay between two callback attempts',
  ),
  CHATTERBOX_CALLBACK_TIMEOUT_SECONDS: envNumber({ min: 0.1, max: 600, fallback: 10 }).describe(
    'Time allowed for one callback attempt',
  ),
  CHATTERBOX_CALLBACK_ALLOWED_HOSTS: envList(
    z.string().regex(ALLOWED_HOST_PATTERN, 'expected host, *.domain, host:port or [ipv6]:port'),
    '',
  ).meta({
    description:
      'Comma-separated allowed callback targets: `hooks.example.com`, `*.example.com`, `n8n.internal:5678`, IP literals, `[::1]:5678`; other hosts get 400 `callback_url_not_allowed`',
    defaultText: '*(empty: any host)*',
  }),
  CHATTERBOX_CALLBACK_DENY_PRIVATE: envBoolean(true).describe(
    'Refuse callback targets on loopback, private, link-local and other internal addresses (checked at submit time and after DNS). Loopback stays allowed while the service binds loopback without keys; `CHATTERBOX_CALLBACK_ALLOWED_HOSTS` entries are always allowed (local n8n: `127.0.0.1:5678`)',
  ),
  CHATTERBOX_OPENAI_VOICES: envList(z.string().regex(VOICE_ALIAS_PATTERN, 'expected alias=voice (voice id or name)'), '').describe(
    '`alias=voice` pairs, comma separated: names for `POST /v1/audio/speech` mapped to a voice id or voice name, e.g. `alloy=default,nova=Narrator`',
  ),
  CHATTERBOX_OPENAI_STRICT: envBoolean(false).describe('true: a /v1/audio/speech field this server does not know is a 400 instead of being ignored'),
  CHATTERBOX_OPENAI_RETENTION_HOURS: envNumber({ min: 0, max: 24 * 36_500, fallback: 24 }).describe(
    'Hours a finished /v1/audio/speech job is kept; 0 removes it at the first sweep after it finished',
  ),
  CHATTERBOX_ROLE: envChoice(PROCESS_ROLES, 'all').describe(
    '`all`, `api` or `worker`; the systemd template sets it from the unit name',
  ),
  CHATTERBOX_QUEUE: envChoice(QUEUE_KINDS, 'local').describe(
    '`local` (in-process) or `redis` (BullMQ); `api` and `worker` need `redis`',
  ),
  CHATTERBOX_REDIS_URL: envString('redis://127.0.0.1:6379')
    .refine((url) => REDIS_URL_PATTERN.test(url), {
      message: 'expected redis://[:password@]host[:port][/db] or rediss://…',
    })
    .describe('Redis for queue, events, locks, heartbeats (`rediss://` for TLS)'),
  CHATTERBOX_REDIS_PREFIX: envString('chatterbox')
    .refine((prefix) => REDIS_PREFIX_PATTERN.test(prefix), {
      message: 'expected 1-64 letters, digits or _ . : -',
    })
    .describe('Prefix of every Redis key and channel; one per deployment'),
  CHATTERBOX_STORE_URL: z
    .preprocess(
      (value) => (typeof value === 'string' ? value : ''),
      z.string().transform((raw, ctx) => {
        const location = parseStoreUrl(raw);
        if (typeof location !== 'string') return location;
        ctx.addIssue({ code: 'custom', message: location });
        return z.NEVER;
      }),
    )
    .meta({
      description:
        '`sqlite:///abs/path`, `postgres://user:pw@host/db` or `redis://…`; a queue on Redis needs a shared store',
      defaultText: '*(empty: `<data dir>/jobs.sqlite`)*',
    }),
  CHATTERBOX_STORE_TABLE: envString('chatterbox_records')
    .refine((table) => TABLE_PATTERN.test(table), {
      message: 'expected a lower-case SQL name: letters, digits and _, at most 63',
    })
    .describe('PostgreSQL table for job and voice records (created if missing)'),
  CHATTERBOX_STALLED_SECONDS: envNumber({ min: 1, max: 3600, fallback: 30 }).describe(
    "Lock lifetime of a running job: how soon a dead worker's job moves on",
  ),
  CHATTERBOX_HEARTBEAT_SECONDS: envNumber({ min: 0.1, max: 300, fallback: 5 }).describe(
    'How often each process reports itself for `/health` and `/metrics`',
  ),
  JOURNAL_STREAM: z.string().optional().meta({
    description: 'Set by systemd when stdout is the journal: log lines then carry their priority. Not set by hand',
    defaultText: '*(set by systemd)*',
  }),
  CHATTERBOX_LOG_LEVEL: z
    .preprocess(
      (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : undefined),
      z.enum(LOG_LEVELS).default('info'),
    )
    .describe(
      `${LOG_LEVELS.map((level) => `\`${level}\``).join(', ')} (JSON lines on stdout; pipe through \`pino-pretty\` to read by eye)`,
    ),
});

export type Env = z.infer<typeof envSchema>;

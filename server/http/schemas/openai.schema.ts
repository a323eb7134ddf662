/**
 * OpenAI-compatible speech API (POST /v1/audio/speech, GET /v1/models, GET /v1/audio/voices):
 * request validation, defaults and OpenAPI. Field names and bounds follow OpenAI's
 * CreateSpeechRequest; Chatterbox's own parameters are accepted as extra fields with the
 * bounds of shared/generation.ts. Fields other servers' clients send (lang_code, stream, …)
 * are ignored and named in X-Chatterbox-Ignored, or a 400 with CHATTERBOX_OPENAI_STRICT=true.
 */
import { z } from 'zod';
import { SPEED_LIMITS } from '../../audio/time-stretch.ts';
import { AUDIO_FORMAT_NAMES } from '../../shared/audio-format.ts';
import { GENERATION_LIMITS, MAX_SEED } from '../../shared/generation.ts';
import { LANGUAGE_CODES } from '../../shared/languages.ts';
import { InlineLexiconSchema, NormalizeSchema, speechTextSchema } from './speech-text.schema.ts';

/** The one model this server runs, and the names OpenAI clients send for it (all the same model). */
export const OPENAI_MODEL_ID = 'chatterbox-multilingual';
const OPENAI_MODEL_ALIASES = ['chatterbox', 'tts-1', 'tts-1-hd', 'gpt-4o-mini-tts', 'gpt-4o-mini-tts-2025-12-15'] as const;
export const OPENAI_MODEL_NAMES: readonly string[] = [OPENAI_MODEL_ID, ...OPENAI_MODEL_ALIASES];

/** A served model name, also with a provider prefix as routers send it ("openai/tts-1"); else undefined. */
export function servedModelName(model: string): string | undefined {
  const bare = model.replace(/^[A-Za-z0-9_.-]+\//, '');
  return OPENAI_MODEL_NAMES.includes(bare) ? bare : undefined;
}

/** OpenAI's default response format (not WAV, unlike /tts/synthesize). */
const OPENAI_DEFAULT_FORMAT = 'mp3';
/** OpenAI's limit for `instructions`. */
const MAX_INSTRUCTIONS_CHARS = 4096;
const MAX_VOICE_CHARS = 200;

function bounded(limit: { min: number; max: number }, description: string) {
  return z.number().min(limit.min).max(limit.max).optional().meta({ description: `${description} (Chatterbox extra)` });
}

const VoiceSchema = z
  .union([
    z.string().min(1).max(MAX_VOICE_CHARS),
    z.strictObject({ id: z.string().min(1).max(MAX_VOICE_CHARS) }),
  ])
  .meta({
    description:
      'A voice id from GET /v1/audio/voices ("default" or an uploaded voice), a voice name, or an OpenAI voice name ' +
      '(alloy, ash, ballad, coral, echo, fable, nova, onyx, sage, shimmer, verse, marin, cedar: the default voice unless ' +
      'CHATTERBOX_OPENAI_VOICES maps them). Also accepted as { "id": "..." }. Anything else is a 400.',
    example: 'alloy',
  });

/** `strict`: unknown fields are a 400; otherwise they are dropped (the route names them in X-Chatterbox-Ignored). */
export function createSpeechRequestSchema(maxTextChars: number, strict = false) {
  const L = GENERATION_LIMITS;
  const shape = {
    model: z.string().min(1).meta({ description: `${OPENAI_MODEL_ID} or an alias: ${OPENAI_MODEL_ALIASES.join(', ')}; a provider prefix is accepted (openai/tts-1)`, example: 'tts-1' }),
    input: speechTextSchema(maxTextChars, 'input_length', 'Text to speak'),
    voice: VoiceSchema,
    response_format: z.enum(AUDIO_FORMAT_NAMES).default(OPENAI_DEFAULT_FORMAT).meta({ description: 'Audio format' }),
    speed: z
      .number()
      .min(SPEED_LIMITS.min)
      .max(SPEED_LIMITS.max)
      .default(SPEED_LIMITS.default)
      .meta({ description: 'Tempo of the speech; pitch is kept (WSOLA time-stretch)' }),
    instructions: z
      .string()
      .max(MAX_INSTRUCTIONS_CHARS)
      .optional()
      .meta({ description: 'Accepted for compatibility and ignored: Chatterbox has no prompt for style (the response says so in X-Chatterbox-Ignored)' }),
    stream_format: z.enum(['audio', 'sse']).default('audio').meta({ description: '"audio": the bytes, sent sentence by sentence; "sse": speech.audio.delta / speech.audio.done events' }),
    language: z.enum(LANGUAGE_CODES).default('en').meta({ description: 'Language code (Chatterbox extra; GET /languages)' }),
    normalize: NormalizeSchema,
    lexicon: InlineLexiconSchema,
    exaggeration: bounded(L.exaggeration, 'Emotion intensity'),
    cfg_weight: bounded(L.cfgWeight, 'Classifier-free guidance weight'),
    temperature: bounded(L.temperature, 'Sampling temperature'),
    repetition_penalty: bounded(L.repetitionPenalty, 'Penalty on repeated speech tokens'),
    min_p: bounded(L.minP, 'Min-p sampling threshold'),
    top_p: bounded(L.topP, 'Nucleus sampling mass'),
    seed: z.number().int().min(0).max(MAX_SEED).nullable().optional().meta({ description: 'Fixed seed for repeatable audio (Chatterbox extra)' }),
  };
  return (strict ? z.strictObject(shape) : z.object(shape)).meta({ id: 'CreateSpeechRequest' });
}

export type SpeechRequestBody = z.output<ReturnType<typeof createSpeechRequestSchema>>;

export const SpeechAudioDeltaEventSchema = z
  .object({ type: z.literal('speech.audio.delta'), audio: z.string().meta({ description: 'Base64 bytes of the response_format stream' }) })
  .meta({ id: 'SpeechAudioDeltaEvent' });

export const SpeechAudioDoneEventSchema = z
  .object({
    type: z.literal('speech.audio.done'),
    usage: z.object({
      input_tokens: z.int().meta({ description: 'Characters of input' }),
      output_tokens: z.int().meta({ description: 'Speech tokens (40 ms of audio each)' }),
      total_tokens: z.int(),
    }),
  })
  .meta({ id: 'SpeechAudioDoneEvent' });

export const OpenAiModelSchema = z
  .object({ id: z.string(), object: z.literal('model'), created: z.int(), owned_by: z.string() })
  .meta({ id: 'OpenAiModel' });

export const OpenAiModelListSchema = z
  .object({ object: z.literal('list'), data: z.array(OpenAiModelSchema) })
  .meta({ id: 'OpenAiModelList' });

export const OpenAiVoiceListSchema = z
  .object({
    voices: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        builtin: z.boolean(),
        aliases: z.array(z.string()).meta({ description: 'OpenAI voice names mapped to this voice (CHATTERBOX_OPENAI_VOICES)' }),
      }),
    ),
  })
  .meta({ id: 'OpenAiVoiceList' });

export const OpenAiVoiceNamesSchema = z
  .object({ voices: z.array(z.string()).meta({ description: 'Every name `voice` accepts: built-in ids, uploaded voices by name (by id when a name is shared), OpenAI aliases' }) })
  .meta({ id: 'OpenAiVoiceNames' });

export const OpenAiVoicesQuerySchema = z.object({
  format: z.enum(['objects', 'names']).default('objects').meta({ description: '"objects": id, name, builtin, aliases per voice (Open WebUI); "names": a plain list of names' }),
});

export const OpenAiErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
      type: z.string().meta({ description: 'OpenAI error type: invalid_request_error (401 included, with code invalid_api_key), not_found_error or server_error' }),
      param: z.string().nullable(),
    }),
  })
  .meta({ id: 'OpenAiError' });

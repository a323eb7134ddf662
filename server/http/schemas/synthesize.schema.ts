/**
 * POST /tts/synthesize: the request body (validation, defaults, OpenAPI) and the 202 answer.
 * Bounds and defaults come from shared/generation.ts, the same numbers the engine trusts.
 */
import { z } from 'zod';
import { SPEED_LIMITS } from '../../audio/time-stretch.ts';
import { AUDIO_FORMAT_NAMES, DEFAULT_AUDIO_FORMAT } from '../../shared/audio-format.ts';
import { GENERATION_LIMITS, MAX_SEED } from '../../shared/generation.ts';
import { isValidId } from '../../shared/ids.ts';
import { LANGUAGE_CODES } from '../../shared/languages.ts';
import { DEFAULT_VOICE_ID } from '../../shared/voice.ts';
import { InlineLexiconSchema, NormalizeSchema, speechTextSchema } from './speech-text.schema.ts';

/** A DNS name or an IP literal, IPv6 in brackets as URLs write it (`http://[::1]:5678/`). */
const CALLBACK_HOSTNAME = new RegExp(`${z.regexes.hostname.source}|^\\[[0-9a-f:.]+\\]$`, 'i');
/** Longest callback URL accepted; longer ones are almost certainly mistakes. */
const MAX_URL_CHARS = 2048;

function bounded(limit: { min: number; max: number; default: number }, description: string) {
  return z.number().min(limit.min).max(limit.max).default(limit.default).meta({ description });
}

export function createSynthesizeRequestSchema(maxTextChars: number) {
  const L = GENERATION_LIMITS;
  return z
    .strictObject({
      text: speechTextSchema(maxTextChars, 'text_length', 'Text to speak (Markdown welcome); long texts are split into sentence chunks'),
      normalize: NormalizeSchema,
      lexicon: InlineLexiconSchema,
      language: z.enum(LANGUAGE_CODES).default('en').meta({ description: 'Language code (GET /languages)' }),
      voice: z
        .string()
        .refine((voice) => voice === DEFAULT_VOICE_ID || isValidId(voice), {
          message: 'must be "default" or a voice id from GET /voices',
          params: { code: 'invalid_voice' },
        })
        .default(DEFAULT_VOICE_ID)
        .meta({ description: '"default" or a stored voice id' }),
      exaggeration: bounded(L.exaggeration, 'Emotion intensity; higher also speeds speech up'),
      cfg_weight: bounded(L.cfgWeight, 'Classifier-free guidance weight; lower for faster speakers'),
      temperature: bounded(L.temperature, 'Sampling temperature'),
      repetition_penalty: bounded(L.repetitionPenalty, 'Penalty on repeated speech tokens'),
      min_p: bounded(L.minP, 'Drop tokens below min_p x the top probability'),
      top_p: bounded(L.topP, 'Nucleus sampling mass'),
      seed: z
        .number()
        .int()
        .min(0)
        .max(MAX_SEED)
        .nullable()
        .default(null)
        .meta({ description: 'Same seed + same input = same audio; null draws one (the job records it)' }),
      format: z.enum(AUDIO_FORMAT_NAMES).default(DEFAULT_AUDIO_FORMAT).meta({ description: 'Output audio format' }),
      speed: z
        .number()
        .min(SPEED_LIMITS.min)
        .max(SPEED_LIMITS.max)
        .default(SPEED_LIMITS.default)
        .meta({ description: 'Tempo factor applied after synthesis; pitch is kept (WSOLA time-stretch)' }),
      callback_url: z
        .url({ protocol: /^https?$/, hostname: CALLBACK_HOSTNAME })
        .max(MAX_URL_CHARS)
        .nullable()
        .optional()
        .meta({ description: 'http(s) URL notified when the job finishes' }),
    })
    .meta({ id: 'SynthesizeRequest' });
}

export const SubmitResponseSchema = z
  .object({
    chatterbox_id: z.uuid(),
    status: z.literal('QUEUED').or(z.string()),
    created_at: z.iso.datetime(),
    status_url: z.string().meta({ example: '/tts/status/7d0c9a62-7f3b-4a55-9d35-0f7c1f0a2b11' }),
    audio_url: z.string(),
    events_url: z.string(),
    captions_url: z.string(),
  })
  .meta({ id: 'SubmitResponse' });

/** Idempotency keys are opaque client strings; printable ASCII keeps them safe to store and log. */
export const IdempotencyKeySchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/)
  .meta({ description: 'Retrying a submit with the same key returns the same job instead of a new one (1-255 printable ASCII characters)' });

export const IdempotencyHeaderSchema = z.object({ 'idempotency-key': IdempotencyKeySchema.optional() });

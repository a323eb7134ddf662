import { z } from 'zod';

/** Longest voice name kept. */
const MAX_VOICE_NAME_CHARS = 100;

const VoiceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    builtin: z.boolean(),
    duration_seconds: z.number().nullable(),
    created_at: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Voice' });

export const VoiceListSchema = z.object({ voices: z.array(VoiceSchema) }).meta({ id: 'VoiceList' });

export const VoiceUploadFieldsSchema = z.strictObject({
  name: z.string().trim().min(1).max(MAX_VOICE_NAME_CHARS).optional().meta({ description: 'Display name; defaults to the file name' }),
});

export const VoiceUploadSchema = z
  .object({
    file: z.string().meta({ format: 'binary', description: 'Reference clip (wav, mp3, flac, ogg/opus, m4a, ...)' }),
    name: z.string().max(MAX_VOICE_NAME_CHARS).optional(),
  })
  .meta({ id: 'VoiceUpload' });

export const CreatedVoiceSchema = z
  .object({ id: z.string(), name: z.string(), duration_seconds: z.number(), created_at: z.iso.datetime() })
  .meta({ id: 'CreatedVoice' });

export const DeletedVoiceSchema = z.object({ id: z.string(), deleted: z.literal(true) }).meta({ id: 'DeletedVoice' });

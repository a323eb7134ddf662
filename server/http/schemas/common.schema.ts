import { z } from 'zod';
import { getFormat } from '../../audio/encoders/formats.ts';
import { AUDIO_FORMAT_NAMES } from '../../shared/audio-format.ts';
import { ValidationError } from '../../shared/errors/validation-error.ts';
import { isValidId } from '../../shared/ids.ts';

const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'out_of_range', description: 'snake_case, stable: branch on it' }),
      message: z.string().meta({ description: 'What is wrong, for people' }),
      field: z.string().optional().meta({ description: 'Request field the error is about', example: 'temperature' }),
    }),
  })
  .meta({ id: 'Error' });

export const JobIdParamSchema = z.object({
  id: z.uuid().meta({ description: 'chatterbox_id returned by POST /tts/synthesize' }),
});

export const VoiceIdParamSchema = z.object({
  id: z.string().meta({ description: 'Voice id ("default" is built in)' }),
});

/**
 * Ids go into file names, so anything but a well-formed id (path traversal, junk) is a
 * 400 before it reaches a lookup.
 */
export function parseId(raw: unknown, what = 'id'): string {
  if (typeof raw !== 'string' || !isValidId(raw)) {
    throw new ValidationError(`${what} is not a valid id (expected a UUID such as 7d0c9a62-7f3b-4a55-9d35-0f7c1f0a2b11)`, { code: 'invalid_id', field: what });
  }
  return raw;
}

export function errorResponses(...statuses: number[]): Record<number, { description: string; content: object }> {
  const descriptions: Record<number, string> = {
    400: 'Invalid input (see error.code and error.field)',
    401: 'Missing or wrong API key',
    404: 'Unknown id',
    409: 'Conflicts with the current state',
    410: 'Deleted or expired',
    413: 'Body or file too large',
    415: 'Wrong Content-Type',
    422: 'Well-formed but unusable (e.g. a clip that is not audio)',
    503: 'Model not available or queue full',
  };
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: descriptions[status] ?? 'Error', content: { 'application/json': { schema: ErrorResponseSchema } } },
    ]),
  );
}

/** OpenAPI content of an audio response: every format's media type (audio/mpeg, audio/ogg; codecs=opus, …). */
export function audioContent(): Record<string, { schema: z.ZodType }> {
  const binary = z.string().meta({ format: 'binary' });
  return Object.fromEntries(AUDIO_FORMAT_NAMES.map((format) => [getFormat(format).contentType, { schema: binary }]));
}

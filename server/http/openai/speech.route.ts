/**
 * POST /v1/audio/speech: OpenAI's speech endpoint on top of the job queue. The request
 * becomes an ordinary job (listed, downloadable later; its id is in X-Chatterbox-Id), and the
 * response streams that job's audio sentence by sentence as the worker produces it. If the
 * client disconnects before the end and nobody else listens, the job is cancelled.
 */
import { createReadStream } from 'node:fs';
import type Router from '@koa/router';
import { getFormat } from '../../audio/encoders/formats.ts';
import type { LiveAudioService, StreamStats } from '../../jobs/streaming/live-audio.ts';
import type { JobService } from '../../jobs/job-service.ts';
import type { VoiceResolver } from './voice-aliases.ts';
import { ValidationError } from '../../shared/errors/validation-error.ts';
import { SAMPLE_RATE_HZ } from '../../shared/audio-constants.ts';
import { DEFAULT_GENERATION_PARAMS } from '../../shared/generation.ts';
import type { Logger } from '../../shared/logger.ts';
import { jsonBody, requireJson } from '../middleware/json-body.ts';
import { createSpeechRequestSchema, OPENAI_MODEL_NAMES, servedModelName, type SpeechRequestBody } from '../schemas/openai.schema.ts';
import { parseInput } from '../schemas/parse-input.ts';
import { sendAudioStream } from '../streaming/audio-stream.ts';
import { sendSpeechEvents } from '../streaming/speech-sse.ts';
import { onClientLeave } from '../streaming/stream-response.ts';

export interface SpeechRouteDeps {
  jobs: Pick<JobService, 'submit' | 'audio'>;
  live: LiveAudioService;
  voiceResolver: VoiceResolver;
  logger: Logger;
  maxTextChars: number;
  maxBodyBytes: number;
  /** Unknown fields are a 400 instead of being ignored (CHATTERBOX_OPENAI_STRICT). */
  strict: boolean;
}

export function registerSpeechRoute(router: Router, deps: SpeechRouteDeps): void {
  const schema = createSpeechRequestSchema(deps.maxTextChars, deps.strict);
  router.post('/v1/audio/speech', requireJson, jsonBody(deps.maxBodyBytes), async (ctx) => {
    const body = parseInput(schema, ctx.request.body);
    assertKnownModel(body.model);
    const voice = await deps.voiceResolver.resolve(typeof body.voice === 'string' ? body.voice : body.voice.id);
    const { record } = await deps.jobs.submit(toSubmitRequest(body, voice));
    const headers: Record<string, string> = { 'X-Chatterbox-Id': record.id, 'X-Chatterbox-Seed': String(record.params.seed) };
    const ignored = ignoredFields(ctx.request.body, Object.keys(schema.shape), body);
    if (ignored.length > 0) headers['X-Chatterbox-Ignored'] = ignored.join(', ');
    const stats: StreamStats = { samples: 0, chunks: 0 };
    const opened = await deps.live.open(record.id);
    let source: AsyncGenerator<Uint8Array>;
    if (opened.kind === 'live') {
      source = deps.live.encode(record.id, opened.reader, body.response_format, stats);
      onClientLeave(ctx, () => {
        deps.live.leave(record.id, opened.reader, true).catch((error: unknown) => deps.logger.warn({ err: error, jobId: record.id }, 'could not cancel an abandoned job'));
      });
    } else {
      // Finished before we could attach (a very short text on an idle fast worker): send the file.
      const file = await deps.jobs.audio(record.id, body.response_format);
      stats.samples = Math.round((opened.record.audio?.durationSeconds ?? 0) * SAMPLE_RATE_HZ);
      source = storedFile(file.path);
    }
    if (body.stream_format === 'sse') {
      sendSpeechEvents(ctx, source, { inputChars: body.input.length, stats, headers, onError: (error) => logStreamError(deps.logger, record.id, error) });
      return;
    }
    // Headers at once; a job failing after that cuts the body short (docs/openai.md).
    await sendAudioStream(ctx, source, { contentType: getFormat(body.response_format).contentType, headers, flushHeaders: true });
  });
}

/** What the request asked for that this server does not do: `instructions`, and fields it does not know. */
function ignoredFields(raw: unknown, known: readonly string[], body: SpeechRequestBody): string[] {
  const unknown = Object.keys(raw as object).filter((field) => !known.includes(field));
  return [...(body.instructions === undefined ? [] : ['instructions']), ...unknown];
}

function assertKnownModel(model: string): void {
  if (servedModelName(model) === undefined) {
    throw new ValidationError(`model "${model}" is not served here; use one of: ${OPENAI_MODEL_NAMES.join(', ')} (GET /v1/models).`, { code: 'unknown_model', field: 'model' });
  }
}

function toSubmitRequest(body: SpeechRequestBody, voice: string) {
  const defaults = DEFAULT_GENERATION_PARAMS;
  return {
    text: body.input,
    language: body.language,
    normalize: body.normalize,
    lexicon: body.lexicon,
    voice,
    params: {
      exaggeration: body.exaggeration ?? defaults.exaggeration,
      cfgWeight: body.cfg_weight ?? defaults.cfgWeight,
      temperature: body.temperature ?? defaults.temperature,
      repetitionPenalty: body.repetition_penalty ?? defaults.repetitionPenalty,
      minP: body.min_p ?? defaults.minP,
      topP: body.top_p ?? defaults.topP,
      seed: body.seed ?? null,
    },
    format: body.response_format,
    speed: body.speed,
    callbackUrl: null,
    origin: 'openai' as const,
  };
}

async function* storedFile(path: string): AsyncGenerator<Uint8Array> {
  for await (const part of createReadStream(path)) yield part as Buffer;
}

function logStreamError(logger: Logger, jobId: string, error: unknown): void {
  logger.warn({ err: error, jobId }, 'speech stream ended with an error');
}

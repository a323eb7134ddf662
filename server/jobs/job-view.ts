/**
 * The wire shape of a job (snake_case, ISO timestamps, URLs to follow): what GET
 * /tts/status/:id, the job list, the SSE events and the callback POST body all carry. It
 * lives in jobs/ because the callback dispatcher sends it too; the schema also feeds OpenAPI.
 */
import { z } from 'zod';
import { AUDIO_FORMAT_NAMES } from '../shared/audio-format.ts';
import { CALLBACK_STATES, type JobCallbackStatus } from '../shared/job-callback.ts';
import { JOB_STATUSES, type JobRecord } from '../shared/job.ts';

/** Between the chunks in `spoken_text`: one chunk (sentence or fragment) per line. */
const SPOKEN_TEXT_SEPARATOR = '\n';

const isoOrNull = z.iso.datetime().nullable();

export const JobStatusSchema = z
  .object({
    chatterbox_id: z.uuid(),
    status: z.enum(JOB_STATUSES),
    progress: z.object({ chunks_done: z.int(), chunks_total: z.int() }).nullable(),
    created_at: z.iso.datetime(),
    started_at: isoOrNull,
    finished_at: isoOrNull,
    language: z.string(),
    voice: z.string(),
    text_chars: z.int(),
    spoken_text: z.string().nullable().meta({
      description:
        'What the model is given after the text stage (Markdown, numbers and symbols as words), one chunk per line ("\\n" between chunks). ' +
        'Once COMPLETE, exactly what the model read (characters its tokenizer cannot say are transliterated or dropped). Null for jobs from before the text stage',
    }),
    spoken_chunks: z.array(z.string()).nullable().meta({ description: 'The same, one entry per chunk (the unit of progress, streaming and captions)' }),
    unspeakable: z
      .record(z.string(), z.int())
      .meta({ description: 'Characters the model could not say and that were dropped, with counts; filled when COMPLETE', example: { '☃': 1 } }),
    params: z.object({
      exaggeration: z.number(),
      cfg_weight: z.number(),
      temperature: z.number(),
      repetition_penalty: z.number(),
      min_p: z.number(),
      top_p: z.number(),
      seed: z.int().meta({ description: 'The seed used (drawn at submit when none was given)' }),
      format: z.enum(AUDIO_FORMAT_NAMES),
      speed: z.number().meta({ description: 'Tempo factor applied after synthesis (pitch kept)' }),
    }),
    audio: z
      .object({
        format: z.enum(AUDIO_FORMAT_NAMES),
        content_type: z.string(),
        bytes: z.int(),
        duration_seconds: z.number(),
        sample_rate: z.int(),
      })
      .nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    attempts: z.int().meta({ description: 'Times a worker started this job (crash recovery retries it)' }),
    callback: z
      .object({
        state: z.enum(CALLBACK_STATES).meta({ description: 'pending (not sent yet or retrying), delivered (2xx), failed (gave up)' }),
        attempts: z.int(),
        last_status_code: z.int().nullable(),
        last_error: z.string().nullable(),
        last_attempt_at: isoOrNull,
        delivered_at: isoOrNull,
      })
      .nullable()
      .meta({ description: 'Delivery of the callback_url notification; null without callback_url' }),
    status_url: z.string(),
    audio_url: z.string(),
    events_url: z.string(),
    captions_url: z.string().meta({ description: 'SRT or WebVTT captions of the finished audio (?format=srt|vtt), one cue per chunk' }),
  })
  .meta({ id: 'JobStatus' });

export type JobStatusView = z.infer<typeof JobStatusSchema>;

function iso(time: number | null): string | null {
  return time === null ? null : new Date(time).toISOString();
}

function jobUrls(id: string): { status_url: string; audio_url: string; events_url: string; captions_url: string } {
  return { status_url: `/tts/status/${id}`, audio_url: `/tts/audio/${id}`, events_url: `/tts/events/${id}`, captions_url: `/tts/captions/${id}` };
}

export function presentJob(record: JobRecord): JobStatusView {
  const { params } = record;
  return {
    chatterbox_id: record.id,
    status: record.status,
    progress: record.progress && { chunks_done: record.progress.chunksDone, chunks_total: record.progress.chunksTotal },
    created_at: iso(record.createdAt)!,
    started_at: iso(record.startedAt),
    finished_at: iso(record.finishedAt),
    language: record.language,
    voice: record.voice,
    text_chars: record.textChars,
    spoken_text: record.speech ? record.speech.chunks.map((chunk) => chunk.spoken).join(SPOKEN_TEXT_SEPARATOR) : null,
    spoken_chunks: record.speech ? record.speech.chunks.map((chunk) => chunk.spoken) : null,
    unspeakable: record.speech?.unspeakable ?? {},
    params: {
      exaggeration: params.exaggeration,
      cfg_weight: params.cfgWeight,
      temperature: params.temperature,
      repetition_penalty: params.repetitionPenalty,
      min_p: params.minP,
      top_p: params.topP,
      seed: params.seed,
      format: record.format,
      speed: record.speed ?? 1,
    },
    audio: record.audio && {
      format: record.audio.format,
      content_type: record.audio.contentType,
      bytes: record.audio.bytes,
      duration_seconds: record.audio.durationSeconds,
      sample_rate: record.audio.sampleRate,
    },
    error: record.error,
    attempts: record.attempts,
    callback: presentCallback(record.callback ?? null),
    ...jobUrls(record.id),
  };
}

function presentCallback(callback: JobCallbackStatus | null): JobStatusView['callback'] {
  if (callback === null) return null;
  return {
    state: callback.state,
    attempts: callback.attempts,
    last_status_code: callback.lastStatusCode,
    last_error: callback.lastError,
    last_attempt_at: iso(callback.lastAttemptAt),
    delivered_at: iso(callback.deliveredAt),
  };
}

/** The 202 answer to a submit: the id, where to follow the job. */
export function presentSubmitted(record: JobRecord): Record<string, string> {
  return { chatterbox_id: record.id, status: record.status, created_at: iso(record.createdAt)!, ...jobUrls(record.id) };
}

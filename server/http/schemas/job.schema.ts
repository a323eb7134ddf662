/** The job status object (GET /tts/status/:id, list items, SSE data) and the list query. */
import { z } from 'zod';
import { AUDIO_FORMAT_NAMES } from '../../shared/audio-format.ts';
import { CALLBACK_STATES } from '../../shared/job-callback.ts';
import { JOB_STATUSES } from '../../shared/job.ts';

/** Largest page of GET /tts/jobs. */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

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
  })
  .meta({ id: 'JobStatus' });

export type JobStatusView = z.infer<typeof JobStatusSchema>;

export const JobListQuerySchema = z.object({
  status: z.enum(JOB_STATUSES).optional().meta({ description: 'Only jobs in this status' }),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().min(1).max(200).optional().meta({ description: 'next_cursor of the previous page' }),
});

export const JobListSchema = z
  .object({ jobs: z.array(JobStatusSchema), next_cursor: z.string().nullable() })
  .meta({ id: 'JobList' });

export const DeleteJobResponseSchema = z
  .object({ chatterbox_id: z.uuid(), deleted: z.literal(true), status: z.enum(JOB_STATUSES) })
  .meta({ id: 'DeletedJob' });

export const AudioQuerySchema = z.object({
  format: z.enum(AUDIO_FORMAT_NAMES).optional().meta({ description: 'Another format than the job produced (converted once, then kept)' }),
  stream: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((value) => value === '1' || value === 'true')
    .meta({ description: '1: while the job is queued or running, send its audio sentence by sentence as it is synthesized (chunked); a finished job is sent as its file' }),
});

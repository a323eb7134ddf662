/** The job list query and answer, the delete answer and the audio query (the job status object is jobs/job-view.ts). */
import { z } from 'zod';
import { AUDIO_FORMAT_NAMES } from '../../shared/audio-format.ts';
import { JOB_STATUSES } from '../../shared/job.ts';
import { JobStatusSchema } from '../../jobs/job-view.ts';

/** Largest page of GET /tts/jobs. */
const MAX_PAGE_SIZE = 200;
const DEFAULT_PAGE_SIZE = 50;

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

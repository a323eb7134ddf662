/** Languages and health responses. */
import { z } from 'zod';

export const LanguageListSchema = z
  .object({
    languages: z.array(z.object({ code: z.string(), name: z.string(), note: z.string().optional().describe('A known limitation of this language.') })),
  })
  .meta({ id: 'LanguageList' });

export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'starting', 'degraded']),
    live: z.literal(true),
    ready: z.boolean(),
    model: z
      .object({ name: z.string(), loaded: z.boolean(), error: z.string().nullable() })
      .optional()
      .describe('This and the fields below only with an API key (or when none are configured).'),
    workers: z.array(
      z.object({
        index: z.int(),
        device: z.string(),
        state: z.enum(['starting', 'ready', 'busy', 'failed', 'stopped']),
        current_job: z.string().nullable(),
        jobs_done: z.int(),
        error: z.string().nullable(),
      }),
    ).optional(),
    queue: z
      .object({ depth: z.int(), error: z.string().nullable() })
      .optional()
      .describe('Scale-out: `error` (status degraded, not ready) while Redis is unreachable or being repaired after it came back; `depth` is then the last one known.'),
    disk: z
      .object({ free_mb: z.int().nullable(), min_free_mb: z.int(), error: z.string().nullable() })
      .optional()
      .describe('Free space where the data lives; `error` (and status degraded) when it is below CHATTERBOX_MIN_FREE_DISK_MB.'),
    uptime_seconds: z.number().optional(),
  })
  .meta({ id: 'Health' });

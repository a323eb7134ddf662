/**
 * Removes jobs (records and audio) older than the retention period, finished OpenAI speech
 * jobs older than their own (shorter) period, and the bookkeeping that outlived its use:
 * tombstones older than the period, expired idempotency keys.
 */
import type { JobStore } from '../storage/job-store.ts';
import type { Clock } from '../shared/clock.ts';
import { isTerminal } from '../shared/job.ts';
import type { Logger } from '../shared/logger.ts';
import type { JobService } from './job-service.ts';

export interface RetentionSweeperOptions {
  store: JobStore;
  jobs: JobService;
  clock: Clock;
  logger: Logger;
  /** null keeps jobs forever. */
  retentionMs: number | null;
  /** Age at which finished /v1/audio/speech jobs go, when below retentionMs; 0: at the first pass after they finished. */
  openAiRetentionMs: number;
  intervalMs: number;
}

export interface SweepResult {
  jobs: number;
  tombstones: number;
  idempotencyKeys: number;
}

/** Tombstones outlive their jobs this long when jobs are kept forever (ids of deleted jobs still answer 410). */
const TOMBSTONE_FALLBACK_MS = 30 * 24 * 3600 * 1000;

export class RetentionSweeper {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<SweepResult> | undefined;
  /** Ids read once and found not to be OpenAI jobs (a job's origin never changes): not read again. */
  private notOpenAi = new Set<string>();

  constructor(private readonly options: RetentionSweeperOptions) {}

  start(): void {
    this.timer ??= setInterval(() => void this.sweep().catch((error: unknown) => this.options.logger.error({ err: error }, 'retention sweep failed')), this.options.intervalMs);
    this.timer.unref();
  }

  /** One pass; concurrent calls share the pass in progress. */
  sweep(): Promise<SweepResult> {
    this.sweeping ??= this.pass().finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping?.catch(() => undefined);
  }

  private async pass(): Promise<SweepResult> {
    const { store, clock, retentionMs } = this.options;
    const now = clock.now();
    const expiredIds = retentionMs === null ? [] : await store.idsCreatedBefore(now - retentionMs);
    for (const id of expiredIds) await this.options.jobs.expire(id);
    const openAiJobs = await this.expireOpenAiJobs(now, new Set(expiredIds));
    const tombstones = await store.purgeTombstones(now - (retentionMs ?? TOMBSTONE_FALLBACK_MS));
    const idempotencyKeys = await store.purgeIdempotency(now);
    const result = { jobs: expiredIds.length + openAiJobs, tombstones, idempotencyKeys };
    if (result.jobs + tombstones + idempotencyKeys > 0) this.options.logger.info(result, 'retention sweep');
    return result;
  }

  /** Finished OpenAI speech jobs past their own retention; each other job is read once per process. */
  private async expireOpenAiJobs(now: number, alreadyExpired: ReadonlySet<string>): Promise<number> {
    const { store, retentionMs, openAiRetentionMs } = this.options;
    if (retentionMs !== null && openAiRetentionMs >= retentionMs) return 0;
    // +1: created at or before the cutoff, so 0 takes a job that finished in the same millisecond.
    const candidates = (await store.idsCreatedBefore(now - openAiRetentionMs + 1)).filter((id) => !alreadyExpired.has(id));
    this.notOpenAi = new Set(candidates.filter((id) => this.notOpenAi.has(id)));
    let expired = 0;
    for (const id of candidates) {
      if (this.notOpenAi.has(id)) continue;
      const record = await store.get(id);
      if (record === undefined) continue;
      if (record.origin !== 'openai') this.notOpenAi.add(id);
      else if (isTerminal(record.status)) {
        await this.options.jobs.expire(id);
        expired += 1;
      }
    }
    return expired;
  }
}

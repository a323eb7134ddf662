/**
 * Removes jobs (records and audio) older than the retention period, and the bookkeeping
 * that outlived its use: tombstones older than the period, expired idempotency keys.
 */
import type { JobStore } from '../storage/job-store.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import type { JobService } from './job-service.ts';

export interface RetentionSweeperOptions {
  store: JobStore;
  jobs: JobService;
  clock: Clock;
  logger: Logger;
  /** null keeps jobs forever. */
  retentionMs: number | null;
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
    const tombstones = await store.purgeTombstones(now - (retentionMs ?? TOMBSTONE_FALLBACK_MS));
    const idempotencyKeys = await store.purgeIdempotency(now);
    const result = { jobs: expiredIds.length, tombstones, idempotencyKeys };
    if (expiredIds.length + tombstones + idempotencyKeys > 0) this.options.logger.info(result, 'retention sweep');
    return result;
  }
}

/**
 * What the BullMQ queue asks of the job records when delivery did not go to plan: a job
 * delivered again after its worker died is still PROCESSING in the store and must be
 * QUEUED for the runner to take it; a job the queue gave up on must end FAILED.
 */
import type { JobStore } from '../../storage/job-store.ts';
import type { Clock } from '../../shared/clock.ts';
import { isTerminal } from '../../shared/job.ts';
import type { Logger } from '../../shared/logger.ts';
import type { ServiceMetrics } from '../../shared/metrics.ts';
import type { JobEventBus } from '../events/job-event-bus.ts';
import { toFailed, toRequeued } from '../job-state.ts';
import type { KeyedMutex } from '../keyed-mutex.ts';

export interface JobRepairOptions {
  store: JobStore;
  lock: KeyedMutex;
  bus: JobEventBus;
  clock: Clock;
  metrics: ServiceMetrics;
  logger: Logger;
}

export interface JobRepair {
  /** For `onRedelivery`: PROCESSING -> QUEUED; the interrupted attempt stays counted, so a job that kills workers ends FAILED. */
  reclaim(jobId: string): Promise<void>;
  /** For `onGiveUp`: the record ends FAILED with the queue's reason, unless it already finished. */
  abandon(jobId: string, reason: string): Promise<void>;
}

export function jobRepair(options: JobRepairOptions): JobRepair {
  const { store, lock, bus, clock, metrics, logger } = options;
  return {
    async reclaim(jobId) {
      await lock.run(jobId, async () => {
        const record = await store.get(jobId);
        if (record?.status !== 'PROCESSING') return;
        logger.warn({ jobId, attempts: record.attempts }, 'taking over a job whose worker stopped mid-run');
        await store.update(toRequeued(record));
        bus.publish({ type: 'status', jobId, status: 'QUEUED' });
      });
    },
    async abandon(jobId, reason) {
      await lock.run(jobId, async () => {
        const record = await store.get(jobId);
        if (record === undefined || isTerminal(record.status)) return;
        const failure = { code: 'queue_gave_up', message: `The job could not be run: ${reason}` };
        await store.update(toFailed(record, failure, clock.now()));
        metrics.jobsFinished.inc({ status: 'FAILED' });
        metrics.jobErrors.inc({ code: failure.code });
        bus.publish({ type: 'status', jobId, status: 'FAILED' });
        bus.publish({ type: 'done', jobId, status: 'FAILED' });
      });
    },
  };
}

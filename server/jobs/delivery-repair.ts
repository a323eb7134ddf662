/**
 * The job records' side of a shared queue's redeliveries (queue/job-queue.ts DeliveryRepair):
 * a job delivered again after its worker died is still PROCESSING in the store and must be
 * QUEUED for the runner to take it; a job the queue gave up on must end FAILED.
 */
import type { JobStore } from '../storage/job-store.ts';
import type { Clock } from '../shared/clock.ts';
import { isTerminal } from '../shared/job.ts';
import type { Logger } from '../shared/logger.ts';
import type { ServiceMetrics } from '../shared/metrics.ts';
import type { JobEventBus } from './events/job-event-bus.ts';
import { toFailed, toRequeued } from './job-state.ts';
import type { KeyedMutex } from './keyed-mutex.ts';
import type { DeliveryRepair } from './queue/job-queue.ts';

export interface DeliveryRepairOptions {
  store: JobStore;
  lock: KeyedMutex;
  bus: JobEventBus;
  clock: Clock;
  metrics: ServiceMetrics;
  logger: Logger;
}

/**
 * reclaim: PROCESSING -> QUEUED; the interrupted attempt stays counted, so a job that kills
 * workers ends FAILED. abandon: the record ends FAILED with the queue's reason, unless it
 * already finished.
 */
export function deliveryRepair(options: DeliveryRepairOptions): DeliveryRepair {
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

/** Coordination for one process (CHATTERBOX_QUEUE=local): everything in memory. */
import { LocalEventBus } from '../jobs/events/local-event-bus.ts';
import { KeyedMutex } from '../jobs/keyed-mutex.ts';
import { LocalJobQueue } from '../jobs/queue/local-job-queue.ts';
import { recoverJobs } from '../jobs/recovery.ts';
import { MemoryJobIndex } from '../storage/job-index.ts';
import type { Config } from '../config/config.ts';
import { NO_OTHER_ENGINES, type Coordination, type CoordinationParts } from './coordination.ts';

export async function createLocalCoordination(_config: Config, { logger }: CoordinationParts): Promise<Coordination> {
  const bus = new LocalEventBus((error) => logger.error({ err: error }, 'event listener failed'));
  const lock = new KeyedMutex();
  const queue = new LocalJobQueue((jobId, error) => logger.error({ err: error, jobId }, 'job handler crashed'));
  return {
    bus,
    lock,
    queue,
    jobIndex: new MemoryJobIndex(),
    deploymentEngines: NO_OTHER_ENGINES,
    // No other process writes files here: every leftover can go at once.
    recover: (records, deps) => recoverJobs(records, { ...deps, queue, lock, minFileAgeMs: 0 }),
    claimCallback: async () => true,
    // Nothing to lose: the queue, events and locks live in this process.
    outage: () => null,
    onReconnect: () => undefined,
    join: async () => undefined,
    async close() {
      await queue.close();
      await bus.close();
    },
  };
}

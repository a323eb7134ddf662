/**
 * How the processes of a deployment share their jobs, behind one interface with one factory
 * per CHATTERBOX_QUEUE value: local-coordination.ts (one process: in-memory queue, events,
 * locks and job index) and redis-coordination.ts (BullMQ queue, Redis pub/sub, Redis locks,
 * a shared job index, presence heartbeats, callback claims). main.ts picks one; the services
 * it builds from the parts work the same either way.
 */
import type { Registry } from 'prom-client';
import type { Config } from '../config/config.ts';
import type { MemberState } from '../jobs/cluster/cluster-presence.ts';
import type { JobEventBus } from '../jobs/events/job-event-bus.ts';
import type { KeyedMutex } from '../jobs/keyed-mutex.ts';
import type { JobQueue } from '../jobs/queue/job-queue.ts';
import type { RecoveryOptions, RecoveryResult } from '../jobs/recovery.ts';
import type { EngineView, HealthReport } from '../jobs/service-health.ts';
import type { JobIndex } from '../storage/job-index.ts';
import type { Clock } from '../shared/clock.ts';
import type { JobRecord } from '../shared/job.ts';
import type { Logger } from '../shared/logger.ts';
import type { ServiceMetrics } from '../shared/metrics.ts';

/** What start-up repair needs besides the coordination's own queue and lock. */
type RecoveryDeps = Omit<RecoveryOptions, 'queue' | 'lock' | 'minFileAgeMs'>;

export interface Coordination {
  /** Job events, heard by every process. */
  readonly bus: JobEventBus;
  /** Per-job lock, held across every process. */
  readonly lock: KeyedMutex;
  /** Creation order of jobs, for listing and retention (the store keeps it up to date). */
  readonly jobIndex: JobIndex;
  /** Where job ids wait for a worker of any process. */
  readonly queue: JobQueue;
  /** The engines of the whole deployment, as an API process (which has none) reports them. */
  readonly deploymentEngines: EngineView;
  /** What /metrics serves: the deployment's metrics; undefined: this process's own registry. */
  readonly deploymentMetrics?: (report: HealthReport) => Promise<Registry>;
  /** Start-up repair (jobs/recovery.ts), leaving alone what another process may be working on. */
  recover(records: readonly JobRecord[], deps: RecoveryDeps): Promise<RecoveryResult>;
  /** Why jobs cannot be shared right now (Redis lost, or back and being repaired), or null. */
  outage(): string | null;
  /** Runs `repair` each time the shared state comes back after a loss (Redis restarted, maybe empty). */
  onReconnect(repair: () => Promise<void>): void;
  /** True when this process may deliver the job's callback: exactly one process does. */
  claimCallback(jobId: string): Promise<boolean>;
  /** Tells the deployment about this process and its engines (`state`) until close. */
  join(state: () => MemberState): Promise<void>;
  /** Gives back callback claims, leaves the deployment, closes the queue, the bus and connections. */
  close(): Promise<void>;
}

/** What a factory builds the coordination with, besides the configuration. */
export interface CoordinationParts {
  clock: Clock;
  logger: Logger;
  /** This process's metrics (a deployment shares them through the heartbeat). */
  metrics: ServiceMetrics;
}

/** Builds the coordination CHATTERBOX_QUEUE names (local-coordination.ts, redis-coordination.ts). */
export type CoordinationFactory = (config: Config, parts: CoordinationParts) => Promise<Coordination>;

/** The deployment's engines seen from a process that is alone: there are none besides its own. */
export const NO_OTHER_ENGINES: EngineView = { ready: false, modelError: null, firstError: null, status: () => [] };

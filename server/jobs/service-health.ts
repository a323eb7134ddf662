/**
 * Liveness and readiness in one report. Ready = the engines can run jobs; until then the
 * service is "starting" (jobs are accepted and wait), and "degraded" when the model could
 * not be resolved, a worker failed, the data directory's disk is (nearly) full, or the shared
 * queue (Redis) is lost: then not ready either, and the queue's depth is the last one known.
 */
import type { Clock } from '../shared/clock.ts';
import type { WorkerStatus } from '../workers/worker-pool.ts';
import type { JobQueue } from './queue/job-queue.ts';

export interface HealthReport {
  status: 'ok' | 'starting' | 'degraded';
  ready: boolean;
  model: { name: string; loaded: boolean; error: string | null };
  workers: WorkerStatus[];
  queueDepth: number;
  /** Why the queue cannot be used right now (scale-out: Redis lost or being repaired), or null. */
  queueError: string | null;
  uptimeSeconds: number;
  /** The data directory's file system; `error` says why it is a problem (full, below the threshold). */
  disk: { freeBytes: number | null; minFreeBytes: number; error: string | null };
}

function mebibytes(bytes: number): number {
  return Math.floor(bytes / BYTES_PER_MEBIBYTE);
}

/**
 * The engines health reports on: this process's worker threads, or, in an API process of a
 * deployment, every worker process's (jobs/cluster/cluster-pool-view.ts).
 */
export interface EngineView {
  readonly ready: boolean;
  /** Why no job can run at all (the model could not be resolved, every worker failed), or null. */
  readonly modelError: string | null;
  readonly firstError: { message: string } | null;
  status(): WorkerStatus[];
}

export interface ServiceHealthOptions {
  modelName: string;
  queue: JobQueue;
  engines: EngineView;
  clock: Clock;
  /** Why the shared queue cannot be used now (composition/coordination.ts `outage`); asked before the queue. */
  queueOutage?: () => string | null;
  /** Free bytes where the data lives (storage/disk-space.ts), and the level below which health is degraded. */
  disk?: { freeBytes: () => Promise<number>; minFreeBytes: number };
}

const MS_PER_SECOND = 1000;
const BYTES_PER_MEBIBYTE = 1024 * 1024;

export class ServiceHealth {
  private readonly startedAt: number;
  private lastQueueDepth = 0;

  constructor(private readonly options: ServiceHealthOptions) {
    this.startedAt = options.clock.now();
  }

  /** Why jobs cannot run at all, or null (jobs may still wait for workers to load). */
  fatalError(): string | null {
    return this.options.engines.modelError;
  }

  /** Why jobs cannot be queued right now, or null. */
  queueError(): string | null {
    return this.options.queueOutage?.() ?? null;
  }

  get ready(): boolean {
    return this.fatalError() === null && this.queueError() === null && this.options.engines.ready;
  }

  async report(): Promise<HealthReport> {
    const { engines } = this.options;
    const error = this.fatalError() ?? engines.firstError?.message ?? null;
    const ready = this.ready;
    const disk = await this.disk();
    const queueError = this.queueError();
    // A lost Redis would hold the depth query until it is back.
    if (queueError === null) this.lastQueueDepth = await this.options.queue.depth();
    const degraded = error !== null || disk.error !== null || queueError !== null;
    return {
      status: degraded ? 'degraded' : ready ? 'ok' : 'starting',
      ready,
      model: { name: this.options.modelName, loaded: ready, error },
      workers: engines.status(),
      queueDepth: this.lastQueueDepth,
      queueError,
      uptimeSeconds: (this.options.clock.now() - this.startedAt) / MS_PER_SECOND,
      disk,
    };
  }

  private async disk(): Promise<HealthReport['disk']> {
    const probe = this.options.disk;
    if (probe === undefined) return { freeBytes: null, minFreeBytes: 0, error: null };
    const { minFreeBytes } = probe;
    try {
      const freeBytes = await probe.freeBytes();
      if (freeBytes >= minFreeBytes && freeBytes > 0) return { freeBytes, minFreeBytes, error: null };
      const error = `the data directory has ${mebibytes(freeBytes)} MB free, below CHATTERBOX_MIN_FREE_DISK_MB (${mebibytes(minFreeBytes)}): new jobs may be refused with 507`;
      return { freeBytes, minFreeBytes, error };
    } catch (failure) {
      return { freeBytes: null, minFreeBytes, error: `cannot read the data directory's free space: ${failure instanceof Error ? failure.message : String(failure)}` };
    }
  }
}

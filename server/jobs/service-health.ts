/**
 * Liveness and readiness in one report. Ready = every worker has loaded its engine; until
 * then the service is "starting" (jobs are accepted and wait), and "degraded" when the
 * model could not be resolved or a worker failed.
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
  uptimeSeconds: number;
}

/** What health needs from the pool (absent until the model is resolved). */
export interface PoolView {
  readonly ready: boolean;
  readonly firstError: { message: string } | null;
  status(): WorkerStatus[];
}

const MS_PER_SECOND = 1000;

export class ServiceHealth {
  private pool: PoolView | undefined;
  private modelError: string | null = null;
  private readonly startedAt: number;

  constructor(
    private readonly modelName: string,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
  ) {
    this.startedAt = clock.now();
  }

  attachPool(pool: PoolView): void {
    this.pool = pool;
  }

  /** Model resolution (download, tiny generation) failed; nothing can run. */
  setModelError(message: string): void {
    this.modelError = message;
  }

  /** Why jobs cannot run at all, or null (jobs may still wait for workers to load). */
  fatalError(): string | null {
    return this.modelError;
  }

  get ready(): boolean {
    return this.modelError === null && this.pool?.ready === true;
  }

  async report(): Promise<HealthReport> {
    const workers = this.pool?.status() ?? [];
    const error = this.modelError ?? this.pool?.firstError?.message ?? null;
    const ready = this.ready;
    return {
      status: ready && error === null ? 'ok' : error !== null ? 'degraded' : 'starting',
      ready,
      model: { name: this.modelName, loaded: ready, error },
      workers,
      queueDepth: await this.queue.depth(),
      uptimeSeconds: (this.clock.now() - this.startedAt) / MS_PER_SECOND,
    };
  }
}

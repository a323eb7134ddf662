/**
 * Liveness and readiness in one report. Ready = the engines can run jobs; until then the
 * service is "starting" (jobs are accepted and wait), and "degraded" when the model could
 * not be resolved or a worker failed.
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
}

const MS_PER_SECOND = 1000;

export class ServiceHealth {
  private readonly startedAt: number;

  constructor(private readonly options: ServiceHealthOptions) {
    this.startedAt = options.clock.now();
  }

  /** Why jobs cannot run at all, or null (jobs may still wait for workers to load). */
  fatalError(): string | null {
    return this.options.engines.modelError;
  }

  get ready(): boolean {
    return this.fatalError() === null && this.options.engines.ready;
  }

  async report(): Promise<HealthReport> {
    const { engines } = this.options;
    const error = this.fatalError() ?? engines.firstError?.message ?? null;
    const ready = this.ready;
    return {
      status: ready && error === null ? 'ok' : error !== null ? 'degraded' : 'starting',
      ready,
      model: { name: this.options.modelName, loaded: ready, error },
      workers: engines.status(),
      queueDepth: await this.options.queue.depth(),
      uptimeSeconds: (this.options.clock.now() - this.startedAt) / MS_PER_SECOND,
    };
  }
}

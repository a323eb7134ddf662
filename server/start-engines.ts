/**
 * Composition of the synthesis side for main.ts: resolve the model, start one engine per
 * device (worker pool) and the job runner that feeds them from the queue. Roles all and
 * worker run it; role api has no engines.
 */
import { resolveModel, type ResolvedModel } from '../models/resolve.ts';
import { startupCheck } from './engine/verify/model-check.ts';
import type { Config } from './config/config.ts';
import type { MemberState } from './jobs/cluster/cluster-presence.ts';
import type { JobEventBus } from './jobs/events/job-event-bus.ts';
import { JobRunner } from './jobs/job-runner.ts';
import type { KeyedMutex } from './jobs/keyed-mutex.ts';
import type { JobQueue } from './jobs/queue/job-queue.ts';
import type { ServiceHealth } from './jobs/service-health.ts';
import type { VoiceService } from './jobs/voice-service.ts';
import type { JobStore } from './storage/job-store.ts';
import type { Clock } from './shared/clock.ts';
import type { Logger } from './shared/logger.ts';
import type { ServiceMetrics } from './shared/metrics.ts';
import { WorkerPool } from './workers/worker-pool.ts';

const MODEL_PROGRESS_LOG_STEP = 0.05;

export interface EngineDeps {
  config: Config;
  logger: Logger;
  health: ServiceHealth;
  voices: VoiceService;
  store: JobStore;
  queue: JobQueue;
  bus: JobEventBus;
  lock: KeyedMutex;
  clock: Clock;
  metrics: ServiceMetrics;
  audioDir: string;
}

export interface Engines {
  ready: Promise<void>;
  /** What this process reports about its engines to the deployment. */
  state(): MemberState;
  /** Lets running jobs finish (up to the grace period), then stops the workers. */
  stop(graceMs: number): Promise<void>;
}

/** Role api: no engines here; the deployment's workers run the jobs. */
export function noEngines(): Engines {
  return { ready: Promise.resolve(), state: () => ({ ready: false, modelError: null, workers: [] }), stop: async () => undefined };
}

/**
 * Model resolution (maybe a download) runs once here, in the background: HTTP is already
 * up, /health reports progress, submitted jobs wait in the queue until workers are ready.
 */
export function startEngines(deps: EngineDeps): Engines {
  let pool: WorkerPool | undefined;
  let runner: JobRunner | undefined;
  const ready = resolveForWorkers(deps).then((model) => {
    pool = new WorkerPool({
      devices: deps.config.model.devices,
      init: {
        modelDir: model.dir,
        variant: model.variant,
        intraOpThreads: deps.config.model.intraOpThreads,
        voiceCacheSize: deps.config.model.voiceCacheSize,
        outputLoudnessLufs: deps.config.model.outputLoudnessLufs,
        stopOnRepeatedToken: deps.config.model.stopOnRepeatedToken,
        nice: deps.config.model.workerNice,
      },
      logger: deps.logger,
    });
    const workers = pool;
    runner = new JobRunner({ ...deps, executor: workers, maxAttempts: deps.config.jobs.maxAttempts });
    deps.health.attachPool(workers);
    deps.voices.setPreparer(workers);
    runner.start(0);
    return waitForWorkers(workers, runner, deps);
  });
  ready.catch(() => undefined); // reported through health; callers may await `ready` to see it
  return {
    ready,
    state: () => ({ ready: deps.health.ready, modelError: deps.health.fatalError(), workers: pool?.status() ?? [] }),
    async stop(graceMs) {
      await runner?.stop(graceMs);
      await pool?.close();
    },
  };
}

async function resolveForWorkers(deps: EngineDeps): Promise<ResolvedModel> {
  let logged = 0;
  try {
    const model = await resolveModel({
      model: deps.config.model.name,
      cacheDir: deps.config.model.cacheDir,
      allowDownload: deps.config.model.allowDownload,
      source: deps.config.model.downloadSource,
      onProgress: ({ bytes, totalBytes, file }) => {
        if (bytes / totalBytes - logged < MODEL_PROGRESS_LOG_STEP && bytes < totalBytes) return;
        logged = bytes / totalBytes;
        deps.logger.info({ file, percent: Math.round(logged * 100) }, 'downloading model');
      },
    });
    // The brief first-contact check (npm run models:verify runs the whole one).
    const { failures, warnings } = await startupCheck(model.dir, model.variant);
    for (const warning of warnings) deps.logger.warn({ dir: model.dir }, `model check: ${warning}`);
    if (failures.length > 0) throw new Error(`The model in ${model.dir} failed its check (npm run models:verify shows the full report): ${failures.join('; ')}`);
    return model;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.health.setModelError(message);
    deps.logger.error({ err: error }, 'model unavailable; jobs cannot run until this is fixed and the server restarted');
    throw error;
  }
}

/** Concurrency follows the number of ready workers; `ready` settles once all loaded or any failed for good. */
function waitForWorkers(pool: WorkerPool, runner: JobRunner, deps: EngineDeps): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      runner.setConcurrency(pool.readyCount);
      if (pool.ready) resolve();
      const fatal = pool.fatalError;
      if (fatal !== null) {
        deps.health.setModelError(fatal.message);
        reject(new Error(fatal.message));
      }
    };
    pool.onChange(check);
    pool.start();
    check();
  });
}

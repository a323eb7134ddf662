/**
 * This process's engines (roles all and worker): resolve the model, start one synth worker
 * thread per device, and a job runner that feeds them from the queue. Model resolution
 * (maybe a download) runs in the background: HTTP is already up, /health reports progress,
 * submitted jobs wait in the queue until workers are ready.
 */
import { resolveModel, type ResolvedModel } from '../../models/resolve.ts';
import { startupCheck } from './verify/model-check.ts';
import type { MemberState } from '../jobs/cluster/cluster-presence.ts';
import { JobRunner, type SynthesisExecutor } from '../jobs/job-runner.ts';
import type { VoiceSource } from '../engine/tts-engine.ts';
import type { Logger } from '../shared/logger.ts';
import type { SynthesisOutcome, SynthesisTask } from '../workers/messages.ts';
import { WorkerPool, type RunHooks, type WorkerStatus } from '../workers/worker-pool.ts';
import type { ConsumerDeps, EngineParts, Engines } from './engines.ts';

const MODEL_PROGRESS_LOG_STEP = 0.05;

export function startLocalEngines({ config, logger }: EngineParts): Engines {
  return new LocalEngines(config, logger);
}

class LocalEngines implements Engines, SynthesisExecutor {
  readonly loaded: Promise<void>;
  /** Created once the model is resolved. */
  private pool: WorkerPool | undefined;
  private runner: JobRunner | undefined;
  private resolutionError: string | null = null;

  constructor(
    private readonly config: EngineParts['config'],
    private readonly logger: Logger,
  ) {
    this.loaded = this.resolve().then((model) => this.startWorkers(model));
    this.loaded.then(
      () => logger.info({ model: config.model.name, devices: config.model.devices }, 'engines ready'),
      () => undefined, // reported through health; callers may await `loaded` to see it
    );
  }

  get ready(): boolean {
    return this.pool?.ready === true;
  }

  get modelError(): string | null {
    return this.resolutionError ?? this.pool?.fatalError?.message ?? null;
  }

  get firstError(): { message: string } | null {
    return this.pool?.firstError ?? null;
  }

  status(): WorkerStatus[] {
    return this.pool?.status() ?? [];
  }

  state(): MemberState {
    return { ready: this.modelError === null && this.ready, modelError: this.modelError, workers: this.status() };
  }

  prepareVoiceIfIdle(voice: VoiceSource): Promise<boolean> {
    return this.pool?.prepareVoiceIfIdle(voice) ?? Promise.resolve(false);
  }

  /** The runner asks only once workers are ready (its concurrency follows them). */
  run(task: SynthesisTask, hooks: RunHooks): Promise<SynthesisOutcome> {
    if (this.pool === undefined) return Promise.reject(new Error('the engines are still loading'));
    return this.pool.run(task, hooks);
  }

  consume(deps: ConsumerDeps): void {
    this.runner = new JobRunner({ ...deps, executor: this, maxAttempts: this.config.jobs.maxAttempts });
    this.runner.start(this.pool?.readyCount ?? 0);
  }

  async stop(graceMs: number): Promise<void> {
    await this.runner?.stop(graceMs);
    await this.pool?.close();
  }

  private async resolve(): Promise<ResolvedModel> {
    const { model } = this.config;
    let logged = 0;
    try {
      const resolved = await resolveModel({
        model: model.name,
        cacheDir: model.cacheDir,
        allowDownload: model.allowDownload,
        source: model.downloadSource,
        onProgress: ({ bytes, totalBytes, file }) => {
          if (bytes / totalBytes - logged < MODEL_PROGRESS_LOG_STEP && bytes < totalBytes) return;
          logged = bytes / totalBytes;
          this.logger.info({ file, percent: Math.round(logged * 100) }, 'downloading model');
        },
      });
      await this.checkModel(resolved);
      return resolved;
    } catch (error) {
      this.resolutionError = error instanceof Error ? error.message : String(error);
      this.logger.error({ err: error }, 'model unavailable; jobs cannot run until this is fixed and the server restarted');
      throw error;
    }
  }

  /** The brief first-contact check (npm run models:verify runs the whole one): failures stop the engines, warnings are logged. */
  private async checkModel(resolved: ResolvedModel): Promise<void> {
    const { failures, warnings } = await startupCheck(resolved.dir, resolved.variant);
    for (const warning of warnings) this.logger.warn({ dir: resolved.dir }, `model check: ${warning}`);
    if (failures.length > 0) throw new Error(`The model in ${resolved.dir} failed its check (npm run models:verify shows the full report): ${failures.join('; ')}`);
  }

  /** Concurrency follows the number of ready workers; settles once all loaded or every one failed. */
  private startWorkers(model: ResolvedModel): Promise<void> {
    const { devices, intraOpThreads, voiceCacheSize, workerNice, outputLoudnessLufs, stopOnRepeatedToken } = this.config.model;
    const init = { modelDir: model.dir, variant: model.variant, intraOpThreads, voiceCacheSize, outputLoudnessLufs, stopOnRepeatedToken, nice: workerNice };
    const pool = new WorkerPool({ devices, init, logger: this.logger });
    this.pool = pool;
    return new Promise((resolve, reject) => {
      const check = (): void => {
        this.runner?.setConcurrency(pool.readyCount);
        if (pool.ready) resolve();
        if (pool.fatalError !== null) reject(new Error(pool.fatalError.message));
      };
      pool.onChange(check);
      pool.start();
      check();
    });
  }
}

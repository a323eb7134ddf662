/**
 * Takes jobs off the queue and runs them on the worker pool: QUEUED -> PROCESSING ->
 * COMPLETE | FAILED, with progress and audio chunks published as they come. Deletes and
 * cancels that race with a running job are settled under the per-job lock.
 */
import { basename } from 'node:path';
import { getFormat } from '../audio/encoders/formats.ts';
import { SAMPLE_RATE_HZ } from '../shared/audio-constants.ts';
import type { JobStore } from '../storage/job-store.ts';
import type { AudioFormat } from '../shared/audio-format.ts';
import type { Clock } from '../shared/clock.ts';
import { removeFile } from '../storage/atomic-file.ts';
import { isTransientIo } from '../shared/errors/insufficient-storage-error.ts';
import { SynthesisFailedError } from '../shared/errors/synthesis-failed-error.ts';
import type { Logger } from '../shared/logger.ts';
import type { JobFailure, JobRecord } from '../shared/job.ts';
import type { ServiceMetrics } from '../shared/metrics.ts';
import type { ChunkUpdate } from '../workers/worker-handle.ts';
import type { SynthesisOutcome, SynthesisTask } from '../workers/messages.ts';
import type { RunHooks } from '../workers/worker-pool.ts';
import { deliveryRepair } from './delivery-repair.ts';
import type { JobEventBus } from './events/job-event-bus.ts';
import { audioPath } from './job-files.ts';
import { toComplete, toFailed, toProcessing, toRequeued } from './job-state.ts';
import type { KeyedMutex } from './keyed-mutex.ts';
import type { JobQueue } from './queue/job-queue.ts';
import { completeSpeech } from './job-speech.ts';
import { prepareSpeech } from '../text/index.ts';
import type { VoiceService } from './voice-service.ts';

/** What the runner needs from the worker pool. */
export interface SynthesisExecutor {
  run(task: SynthesisTask, hooks: RunHooks): Promise<SynthesisOutcome>;
}

export interface JobRunnerOptions {
  store: JobStore;
  queue: JobQueue;
  bus: JobEventBus;
  voices: VoiceService;
  executor: SynthesisExecutor;
  lock: KeyedMutex;
  clock: Clock;
  metrics: ServiceMetrics;
  logger: Logger;
  audioDir: string;
  maxAttempts: number;
}

const MS_PER_SECOND = 1000;
const LOSSY_FORMATS: ReadonlySet<AudioFormat> = new Set<AudioFormat>(['mp3', 'opus', 'aac']);
/** Reason given to AbortController when the server stops: the job goes back to the queue. */
const SHUTDOWN = Symbol('shutdown');

export class JobRunner {
  private readonly running = new Map<string, AbortController>();
  private stopping = false;

  constructor(private readonly options: JobRunnerOptions) {}

  /** Starts consuming the queue with `concurrency` jobs at a time. */
  start(concurrency: number): void {
    this.options.queue.process((jobId) => this.runJob(jobId), concurrency, deliveryRepair(this.options));
  }

  setConcurrency(concurrency: number): void {
    this.options.queue.setConcurrency(concurrency);
  }

  /** Lets running jobs finish for `graceMs`, then interrupts them; they go back to the queue (QUEUED). */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    const drained = this.options.queue.close();
    const timer = setTimeout(() => {
      for (const controller of this.running.values()) controller.abort(SHUTDOWN);
    }, graceMs);
    await drained;
    clearTimeout(timer);
  }

  private async runJob(jobId: string): Promise<void> {
    const controller = new AbortController();
    this.running.set(jobId, controller);
    const unsubscribe = this.options.bus.subscribe(jobId, (event) => {
      if (event.type === 'cancel') controller.abort();
    });
    try {
      const started = await this.begin(jobId);
      if (started !== undefined) await this.execute(started, controller.signal);
    } finally {
      unsubscribe();
      this.running.delete(jobId);
    }
  }

  /** QUEUED -> PROCESSING, or FAILED when the job cannot run; undefined when there is nothing to do. */
  private async begin(jobId: string): Promise<{ record: JobRecord; task: SynthesisTask } | undefined> {
    return this.options.lock.run(jobId, async () => {
      const record = await this.options.store.get(jobId);
      if (record === undefined || record.status !== 'QUEUED') return undefined;
      if (record.attempts >= this.options.maxAttempts) {
        await this.fail(record, {
          code: 'too_many_attempts',
          message: `The job was interrupted ${record.attempts} times (the server stopped while running it); giving up.`,
        });
        return undefined;
      }
      const [text, voice] = await Promise.all([this.options.store.getText(jobId), this.options.voices.source(record.voice)]);
      if (text === undefined) {
        await this.fail(record, { code: 'text_missing', message: 'The job text was not found in the store.' });
        return undefined;
      }
      if (voice === undefined) {
        await this.fail(record, { code: 'voice_not_found', message: `Voice ${record.voice} was deleted before the job ran.` });
        return undefined;
      }
      const processing = toProcessing(record, this.options.clock.now());
      await this.options.store.update(processing);
      this.options.metrics.queueWait.observe((processing.startedAt! - record.createdAt) / MS_PER_SECOND);
      this.options.bus.publish({ type: 'status', jobId, status: 'PROCESSING' });
      const outputPath = audioPath(this.options.audioDir, jobId, getFormat(record.format).extension);
      // Records from before the text stage carry no script: they are spoken as written.
      const script = record.speech ?? prepareSpeech(text, record.language, { normalize: false });
      const task: SynthesisTask = { jobId, script, language: record.language, voice, params: record.params, format: record.format, outputPath, speed: record.speed ?? 1 };
      // Lossy files keep a raw PCM copy: conversions then start from the original samples.
      if (LOSSY_FORMATS.has(record.format)) task.losslessCopyPath = audioPath(this.options.audioDir, jobId, 'pcm');
      return { record: processing, task };
    });
  }

  private async execute(job: { record: JobRecord; task: SynthesisTask }, signal: AbortSignal): Promise<void> {
    const jobId = job.record.id;
    try {
      const outcome = await this.options.executor.run(job.task, { signal, onChunk: (chunk) => this.onChunk(jobId, chunk) });
      await this.finish(job.record, job.task, outcome);
    } catch (error) {
      await this.onRunError(job.record, signal, error);
    }
  }

  private onChunk(jobId: string, chunk: ChunkUpdate): void {
    const { bus } = this.options;
    bus.publish({ type: 'chunk', jobId, index: chunk.index, total: chunk.total, sampleRate: SAMPLE_RATE_HZ, samples: chunk.samples });
    const progress = { chunksDone: chunk.index + 1, chunksTotal: chunk.total };
    // Stored first, announced second: whoever reacts to the event reads the new progress.
    void this.options.lock
      .run(jobId, async () => {
        const record = await this.options.store.get(jobId);
        if (record?.status !== 'PROCESSING') return;
        await this.options.store.update({ ...record, progress });
        bus.publish({ type: 'progress', jobId, ...progress });
      })
      .catch((error: unknown) => this.options.logger.warn({ err: error, jobId }, 'could not store progress'));
  }

  private async finish(started: JobRecord, task: SynthesisTask, outcome: SynthesisOutcome): Promise<void> {
    const encoder = getFormat(task.format);
    await this.options.lock.run(started.id, async () => {
      const record = await this.options.store.get(started.id);
      if (record?.status !== 'PROCESSING') {
        // Deleted or cancelled while the worker was busy: its file must not linger. Unless
        // another run of this job (a queue redelivery) completed with this very file.
        if (record?.audio?.fileName !== basename(task.outputPath)) await removeFile(task.outputPath);
        return;
      }
      const fileName = basename(task.outputPath);
      const audio = {
        format: task.format,
        contentType: encoder.contentType,
        fileName,
        bytes: outcome.bytes,
        durationSeconds: outcome.durationSeconds,
        sampleRate: outcome.sampleRate,
        etag: `"${outcome.digest}"`,
      };
      const completed = toComplete(record, audio, this.options.clock.now());
      await this.options.store.update(record.speech ? { ...completed, speech: completeSpeech(record.speech, outcome.spoken) } : completed);
      this.recordMetrics(outcome);
      this.options.bus.publish({ type: 'status', jobId: record.id, status: 'COMPLETE' });
      this.options.bus.publish({ type: 'done', jobId: record.id, status: 'COMPLETE' });
    });
  }

  private async onRunError(started: JobRecord, signal: AbortSignal, error: unknown): Promise<void> {
    const interrupted = signal.aborted && signal.reason === SHUTDOWN;
    await this.options.lock.run(started.id, async () => {
      const record = await this.options.store.get(started.id);
      if (record?.status !== 'PROCESSING') return;
      if (interrupted || (this.stopping && isWorkerLoss(error))) {
        // Not the job's fault: give the attempt back and hand the job back. A shared queue
        // gives it to another worker now; the local one is rebuilt from the store at start.
        await this.options.store.update({ ...toRequeued(record), attempts: record.attempts - 1 });
        this.options.bus.publish({ type: 'status', jobId: record.id, status: 'QUEUED' });
        await this.options.queue.enqueue(record.id);
        return;
      }
      if ((isWorkerLoss(error) || isTransientIo(error)) && record.attempts < this.options.maxAttempts) {
        // The worker thread died (it restarts) or the disk was full / failing: the job is not
        // to blame, so it runs again, within its attempt limit.
        this.options.logger.warn({ err: error, jobId: record.id, attempts: record.attempts }, 'job interrupted by a worker loss or an I/O failure; queueing it again');
        await this.options.store.update(toRequeued(record));
        this.options.bus.publish({ type: 'status', jobId: record.id, status: 'QUEUED' });
        await this.options.queue.enqueue(record.id);
        return;
      }
      this.options.logger.warn({ err: error, jobId: record.id }, 'synthesis failed');
      await this.fail(record, failureOf(error));
    });
  }

  private async fail(record: JobRecord, failure: JobFailure): Promise<void> {
    await this.options.store.update(toFailed(record, failure, this.options.clock.now()));
    this.options.metrics.jobsFinished.inc({ status: 'FAILED' });
    this.options.metrics.jobErrors.inc({ code: failure.code });
    this.options.bus.publish({ type: 'status', jobId: record.id, status: 'FAILED' });
    this.options.bus.publish({ type: 'done', jobId: record.id, status: 'FAILED' });
  }

  private recordMetrics(outcome: SynthesisOutcome): void {
    const { metrics } = this.options;
    metrics.jobsFinished.inc({ status: 'COMPLETE' });
    metrics.jobDuration.observe(outcome.computeSeconds);
    metrics.audioSeconds.inc(outcome.durationSeconds);
    if (outcome.durationSeconds > 0) metrics.realTimeFactor.observe(outcome.computeSeconds / outcome.durationSeconds);
  }
}

/** The synthesis thread died under the job (it restarts on its own). */
function isWorkerLoss(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'worker_crashed';
}

/** What the job records: a specific code when the engine gave one, else synthesis_failed with the reason. */
function failureOf(error: unknown): JobFailure {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code !== 'internal_error') {
    return { code: error.code, message: error.message };
  }
  const failure = new SynthesisFailedError(`Synthesis failed: ${error instanceof Error ? error.message : String(error)}`);
  return { code: failure.code, message: failure.message };
}

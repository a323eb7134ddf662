/**
 * JobQueue on BullMQ (Redis), for API and worker processes on different machines. BullMQ
 * owns delivery: a job is handed to one worker at a time under a renewed lock; a worker
 * that dies mid-job loses the lock and the stalled-job check hands the job to another.
 * Only ids travel, as in the local queue; the JobStore holds the job.
 */
import { Queue, WaitingError, Worker, type Job, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../../shared/logger.ts';
import type { DeliveryRepair, JobHandler, JobQueue } from './job-queue.ts';

export interface BullMqJobQueueOptions {
  /** Connection for adding and inspecting jobs; BullMQ's worker duplicates it for its blocking reads. */
  connection: Redis;
  /** Prefix of every Redis key of the queue. @defaultValue 'chatterbox' */
  prefix?: string;
  /** Queue name under the prefix. @defaultValue 'synthesis' */
  name?: string;
  /**
   * How long a worker's claim on a running job lasts without renewal (it renews at half of it).
   * A worker killed mid-job gives its job up after about this long plus `stalledIntervalMs`.
   * @defaultValue 30000
   */
  lockDurationMs?: number;
  /** How often workers look for jobs whose worker died. @defaultValue lockDurationMs */
  stalledIntervalMs?: number;
  /**
   * Redeliveries after worker deaths before BullMQ itself fails the job. Kept above the store's
   * attempt limit (CHATTERBOX_MAX_ATTEMPTS), which normally decides first. @defaultValue 10
   */
  maxStalledCount?: number;
  /** Runs of a handler that throws (store or Redis trouble; synthesis errors are settled by the handler). @defaultValue 3 */
  handlerAttempts?: number;
  /** Pause before running a thrown handler again; doubles each time. @defaultValue 1000 */
  handlerBackoffMs?: number;
  logger: Logger;
}

const JOB_NAME = 'synthesize';
const DEFAULT_LOCK_DURATION_MS = 30_000;
const DEFAULT_MAX_STALLED = 10;
const DEFAULT_HANDLER_ATTEMPTS = 3;
const DEFAULT_BACKOFF_MS = 1000;
/** States in which a job is waiting for a worker. */
const WAITING_STATES = ['waiting', 'prioritized', 'delayed'] as const;

/** A running job, and whether its handler asked to give it back to the queue. */
interface ActiveJob {
  handBack: boolean;
}

export class BullMqJobQueue implements JobQueue {
  private readonly queue: Queue;
  private readonly jobOptions: JobsOptions;
  private readonly active = new Map<string, ActiveJob>();
  private worker: Worker | undefined;
  private handler: JobHandler | undefined;
  private repair: DeliveryRepair | undefined;
  private running = false;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: BullMqJobQueueOptions) {
    this.queue = new Queue(options.name ?? 'synthesis', { connection: options.connection, prefix: options.prefix ?? 'chatterbox' });
    this.queue.on('error', (error) => options.logger.warn({ err: error }, 'queue error'));
    this.jobOptions = {
      // The JobStore keeps the outcome; finished queue entries would only fill Redis.
      removeOnComplete: true,
      removeOnFail: true,
      attempts: options.handlerAttempts ?? DEFAULT_HANDLER_ATTEMPTS,
      backoff: { type: 'exponential', delay: options.handlerBackoffMs ?? DEFAULT_BACKOFF_MS },
    };
  }

  /**
   * Adds a job; an id already in the queue (waiting or running elsewhere) is left alone.
   * A handler that enqueues its own running job hands it back: it goes to the front of the
   * queue when the handler returns (worker-thread loss, shutdown).
   */
  async enqueue(jobId: string): Promise<void> {
    const running = this.active.get(jobId);
    if (running !== undefined) {
      running.handBack = true;
      return;
    }
    if (this.closing !== undefined) return; // QUEUED in the store: start-up recovery enqueues it
    await this.queue.add(JOB_NAME, {}, { ...this.jobOptions, jobId });
  }

  async remove(jobId: string): Promise<boolean> {
    const job = await this.queue.getJob(jobId);
    if (job === undefined) return false;
    const state = await job.getState();
    if (!(WAITING_STATES as readonly string[]).includes(state)) return false;
    // 0 when a worker took it in the meantime (it is locked then).
    return (await this.queue.remove(jobId)) === 1;
  }

  async depth(): Promise<number> {
    return this.queue.getJobCountByTypes(...WAITING_STATES);
  }

  async has(jobId: string): Promise<boolean> {
    const job = await this.queue.getJob(jobId);
    if (job === undefined) return false;
    const state = await job.getState();
    return state !== 'completed' && state !== 'failed' && state !== 'unknown';
  }

  process(handler: JobHandler, concurrency: number, repair?: DeliveryRepair): void {
    this.handler = handler;
    this.repair = repair;
    this.worker ??= this.createWorker();
    this.setConcurrency(concurrency);
  }

  /** 0 pauses taking new jobs (no engine ready); running jobs go on. */
  setConcurrency(concurrency: number): void {
    const worker = this.worker;
    if (worker === undefined || this.closing !== undefined) return;
    if (concurrency < 1) {
      if (this.running && !worker.isPaused()) void worker.pause(true);
      return;
    }
    worker.concurrency = concurrency;
    if (!this.running) {
      this.running = true;
      worker.run().catch((error: unknown) => this.options.logger.error({ err: error }, 'queue worker stopped'));
    } else if (worker.isPaused()) {
      worker.resume();
    }
  }

  /** Stops taking jobs, waits for running handlers (they hand their jobs back if interrupted). Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.worker?.close();
      await this.queue.close();
    })();
    return this.closing;
  }

  private createWorker(): Worker {
    const lockDuration = this.options.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS;
    const worker = new Worker(this.queue.name, (job, token) => this.runJob(job, token), {
      connection: this.options.connection,
      prefix: this.queue.opts.prefix,
      autorun: false,
      concurrency: 1,
      lockDuration,
      stalledInterval: this.options.stalledIntervalMs ?? lockDuration,
      maxStalledCount: this.options.maxStalledCount ?? DEFAULT_MAX_STALLED,
    });
    const { logger } = this.options;
    worker.on('error', (error) => logger.warn({ err: error }, 'queue worker error'));
    worker.on('stalled', (jobId) => logger.warn({ jobId }, 'a worker stopped while running this job; it runs again'));
    worker.on('failed', (job, error) => {
      if (job?.id === undefined) return;
      const final = job.attemptsMade >= (job.opts.attempts ?? 1);
      logger.error({ err: error, jobId: job.id, attemptsMade: job.attemptsMade, final }, 'job handler threw');
      if (final) void this.giveUp(job.id, error.message);
    });
    return worker;
  }

  private async runJob(job: Job, token: string | undefined): Promise<void> {
    const jobId = job.id!;
    if (job.attemptsStarted > 1) await this.repair?.reclaim(jobId);
    const entry: ActiveJob = { handBack: false };
    this.active.set(jobId, entry);
    try {
      await this.handler!(jobId);
    } finally {
      this.active.delete(jobId);
    }
    if (entry.handBack) {
      // Back to the front of the queue without counting a failed attempt.
      await job.moveToWait(token);
      throw new WaitingError();
    }
  }

  private async giveUp(jobId: string, reason: string): Promise<void> {
    try {
      await this.repair?.abandon(jobId, reason);
    } catch (error) {
      this.options.logger.error({ err: error, jobId }, 'could not record a job the queue gave up on');
    }
  }
}

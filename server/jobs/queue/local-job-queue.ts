import type { JobHandler, JobQueue } from './job-queue.ts';

/**
 * FIFO queue in memory. Losing it in a crash loses nothing: waiting jobs are QUEUED in the
 * store and start-up re-enqueues them. It never delivers a job twice, so it needs no repair.
 */
export class LocalJobQueue implements JobQueue {
  private readonly waiting: string[] = [];
  private readonly waitingIds = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private readonly runningIds = new Set<string>();
  private handler: JobHandler | undefined;
  private concurrency = 0;
  private closed = false;

  constructor(private readonly onHandlerError: (jobId: string, error: unknown) => void = () => {}) {}

  async enqueue(jobId: string): Promise<void> {
    if (this.closed || this.waitingIds.has(jobId)) return;
    this.waiting.push(jobId);
    this.waitingIds.add(jobId);
    this.dispatch();
  }

  async remove(jobId: string): Promise<boolean> {
    if (!this.waitingIds.delete(jobId)) return false;
    this.waiting.splice(this.waiting.indexOf(jobId), 1);
    return true;
  }

  async has(jobId: string): Promise<boolean> {
    return this.waitingIds.has(jobId) || this.runningIds.has(jobId);
  }

  async depth(): Promise<number> {
    return this.waiting.length;
  }

  process(handler: JobHandler, concurrency: number): void {
    this.handler = handler;
    this.setConcurrency(concurrency);
  }

  setConcurrency(concurrency: number): void {
    this.concurrency = concurrency;
    this.dispatch();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled(this.running.values());
  }

  private dispatch(): void {
    const handler = this.handler;
    if (handler === undefined) return;
    while (!this.closed && this.running.size < this.concurrency && this.waiting.length > 0) {
      const jobId = this.waiting.shift()!;
      this.waitingIds.delete(jobId);
      this.runningIds.add(jobId);
      const run: Promise<void> = handler(jobId)
        .catch((error: unknown) => this.onHandlerError(jobId, error))
        .finally(() => {
          this.running.delete(run);
          this.runningIds.delete(jobId);
          this.dispatch();
        });
      this.running.add(run);
    }
  }
}

/** Runs one job; resolves when the job reached a final status (or was handed back). */
export type JobHandler = (jobId: string) => Promise<void>;

/**
 * What a shared queue asks of the job records when delivery did not go to plan (a local
 * queue never asks): the consumer knows the records, so it passes these with its handler.
 */
export interface DeliveryRepair {
  /** Before the handler, when a job is delivered again (its worker died, or it was handed back). */
  reclaim(jobId: string): Promise<void>;
  /** When the queue gave up on a job: its record must reach a final status. */
  abandon(jobId: string, reason: string): Promise<void>;
}

/**
 * Where submitted job ids wait for a worker. Only ids travel; the JobStore holds the job.
 * Local (in memory, rebuilt from the store at start-up) for one process; BullMQ on Redis for
 * separate API and worker processes.
 */
export interface JobQueue {
  /** Adds a job at the back; adding an id that is already waiting does nothing. */
  enqueue(jobId: string): Promise<void>;
  /** Takes a waiting job out; false when it is not waiting (running, finished or unknown). */
  remove(jobId: string): Promise<boolean>;
  /** True while the job is waiting or running (anywhere, for a shared queue). */
  has(jobId: string): Promise<boolean>;
  /** Jobs waiting, not counting running ones. */
  depth(): Promise<number>;
  /** Starts handing jobs to `handler`, at most `concurrency` at a time. */
  process(handler: JobHandler, concurrency: number, repair?: DeliveryRepair): void;
  /** Changes how many jobs may run at once (e.g. as workers become ready). */
  setConcurrency(concurrency: number): void;
  /** Stops handing out jobs and waits for running handlers. Idempotent. */
  close(): Promise<void>;
}

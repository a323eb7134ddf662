/** Runs one job; resolves when the job reached a final status (or was handed back). */
export type JobHandler = (jobId: string) => Promise<void>;

/**
 * Where submitted job ids wait for a worker. Only ids travel; the JobStore holds the job.
 * Local (in-memory, rebuilt from the store at start-up) now; BullMQ on Redis for
 * separate API and worker processes.
 */
export interface JobQueue {
  /** Adds a job at the back; adding an id that is already waiting does nothing. */
  enqueue(jobId: string): Promise<void>;
  /** Takes a waiting job out; false when it is not waiting (running, finished or unknown). */
  remove(jobId: string): Promise<boolean>;
  /** Jobs waiting, not counting running ones. */
  depth(): Promise<number>;
  /** Starts handing jobs to `handler`, at most `concurrency` at a time. */
  process(handler: JobHandler, concurrency: number): void;
  /** Changes how many jobs may run at once (e.g. as workers become ready). */
  setConcurrency(concurrency: number): void;
  /** Stops handing out jobs and waits for running handlers. Idempotent. */
  close(): Promise<void>;
}

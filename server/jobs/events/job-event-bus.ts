import type { JobStatus } from '../../shared/job.ts';

/**
 * What happens to jobs, for anyone in any process who watches: SSE clients, audio
 * streaming, callbacks, metrics. `cancel` is a command to whoever runs the job.
 */
export type JobEvent =
  | { type: 'status'; jobId: string; status: JobStatus }
  | { type: 'progress'; jobId: string; chunksDone: number; chunksTotal: number }
  | { type: 'chunk'; jobId: string; index: number; total: number; sampleRate: number; samples: Float32Array }
  | { type: 'done'; jobId: string; status: JobStatus }
  | { type: 'cancel'; jobId: string };

export type JobEventListener = (event: JobEvent) => void;
export type Unsubscribe = () => void;

/**
 * In-process now (EventEmitter); a Redis pub/sub implementation lets API and worker
 * processes share it. Delivery is best effort: state lives in the JobStore, events only
 * say "look again" or carry streaming audio.
 */
export interface JobEventBus {
  publish(event: JobEvent): void;
  /** Events of one job. */
  subscribe(jobId: string, listener: JobEventListener): Unsubscribe;
  /** Events of every job. */
  subscribeAll(listener: JobEventListener): Unsubscribe;
  close(): Promise<void>;
}

import type { JobRecord, JobStatus, JobTombstone } from '../shared/job.ts';

export interface JobListQuery {
  status?: JobStatus;
  limit: number;
  /** Opaque value from a previous page's `nextCursor`. */
  cursor?: string;
}

export interface JobPage {
  records: JobRecord[];
  nextCursor: string | null;
}

/** Maps an Idempotency-Key to the job it created; `fingerprint` detects a reused key with a different body. */
export interface IdempotencyEntry {
  key: string;
  jobId: string;
  fingerprint: string;
  expiresAt: number;
}

/**
 * Persistence of jobs. Records are small; the text lives apart because only the worker
 * needs it. Deleted or expired ids keep a tombstone so they answer 410, not 404.
 */
export interface JobStore {
  /** Loads indexes; call once before use. Returns every record, for crash recovery. */
  open(): Promise<JobRecord[]>;
  create(record: JobRecord, text: string): Promise<void>;
  get(id: string): Promise<JobRecord | undefined>;
  getText(id: string): Promise<string | undefined>;
  /** Replaces a stored record (the job service owns state transitions). */
  update(record: JobRecord): Promise<void>;
  remove(id: string): Promise<void>;
  /** Newest first. */
  list(query: JobListQuery): Promise<JobPage>;
  /** Ids of jobs created before `time`, oldest first (for the retention sweeper). */
  idsCreatedBefore(time: number): Promise<string[]>;
  count(): Promise<number>;
  getTombstone(id: string): Promise<JobTombstone | undefined>;
  putTombstone(tombstone: JobTombstone): Promise<void>;
  /** Removes tombstones older than `time`; returns how many. */
  purgeTombstones(time: number): Promise<number>;
  getIdempotency(key: string): Promise<IdempotencyEntry | undefined>;
  putIdempotency(entry: IdempotencyEntry): Promise<void>;
  /** Removes idempotency entries that expired before `time`; returns how many. */
  purgeIdempotency(time: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * The job state machine: QUEUED -> PROCESSING -> COMPLETE | FAILED | CANCELLED, plus
 * PROCESSING -> QUEUED when a run is interrupted (crash, shutdown) and will be retried.
 * Functions return new records and never persist: the caller (job service, runner, recovery,
 * delivery repair) writes them to the store.
 */
import type { JobAudio, JobFailure, JobRecord, JobStatus } from '../shared/job.ts';

const TRANSITIONS: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  QUEUED: ['PROCESSING', 'CANCELLED', 'FAILED'],
  PROCESSING: ['COMPLETE', 'FAILED', 'CANCELLED', 'QUEUED'],
  COMPLETE: [],
  FAILED: [],
  CANCELLED: [],
};

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

function transition(record: JobRecord, to: JobStatus, changes: Partial<JobRecord>): JobRecord {
  if (!canTransition(record.status, to)) {
    throw new Error(`job ${record.id} cannot go from ${record.status} to ${to}`);
  }
  return { ...record, ...changes, status: to };
}

export function toProcessing(record: JobRecord, now: number): JobRecord {
  return transition(record, 'PROCESSING', { startedAt: now, attempts: record.attempts + 1, progress: null });
}

export function toComplete(record: JobRecord, audio: JobAudio, now: number): JobRecord {
  const progress = record.progress === null ? null : { ...record.progress, chunksDone: record.progress.chunksTotal };
  return transition(record, 'COMPLETE', { audio, finishedAt: now, progress });
}

export function toFailed(record: JobRecord, error: JobFailure, now: number): JobRecord {
  return transition(record, 'FAILED', { error, finishedAt: now });
}

export function toCancelled(record: JobRecord, now: number): JobRecord {
  return transition(record, 'CANCELLED', { finishedAt: now });
}

/** An interrupted run goes back to the queue; its attempt stays counted. */
export function toRequeued(record: JobRecord): JobRecord {
  return transition(record, 'QUEUED', { startedAt: null, progress: null });
}

/** A job record as the store holds it: QUEUED, English, default voice, WAV; `changes` override. */
import { DEFAULT_GENERATION_PARAMS } from '../../server/shared/generation.ts';
import { newId } from '../../server/shared/ids.ts';
import type { JobRecord } from '../../server/shared/job.ts';

export function makeJobRecord(changes: Partial<JobRecord> = {}): JobRecord {
  return {
    id: newId(),
    status: 'QUEUED',
    createdAt: Date.now(),
    startedAt: null,
    finishedAt: null,
    language: 'en',
    voice: 'default',
    textChars: 5,
    params: { ...DEFAULT_GENERATION_PARAMS, seed: 1 },
    format: 'wav',
    progress: null,
    audio: null,
    error: null,
    attempts: 0,
    callbackUrl: null,
    idempotencyKey: null,
    ...changes,
  };
}

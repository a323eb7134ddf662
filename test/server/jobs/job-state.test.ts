import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canTransition, toCancelled, toComplete, toProcessing, toRequeued } from '../../../server/jobs/job-state.ts';
import { makeJobRecord } from '../../support/job-record.ts';
import { JOB_STATUSES } from '../../../server/shared/job.ts';

const queued = makeJobRecord({ id: 'j', createdAt: 1, textChars: 1 });
const audio = { format: 'wav' as const, contentType: 'audio/wav', fileName: 'j.wav', bytes: 10, durationSeconds: 1, sampleRate: 24000, etag: '"x"' };

describe('job state machine', () => {
  it('allows exactly the documented transitions', () => {
    const allowed = JOB_STATUSES.flatMap((from) => JOB_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`));
    assert.deepEqual(allowed.sort(), [
      'PROCESSING->CANCELLED',
      'PROCESSING->COMPLETE',
      'PROCESSING->FAILED',
      'PROCESSING->QUEUED',
      'QUEUED->CANCELLED',
      'QUEUED->FAILED',
      'QUEUED->PROCESSING',
    ]);
  });

  it('counts attempts and stamps times along the way', () => {
    const running = toProcessing(queued, 10);
    assert.equal(running.attempts, 1);
    assert.equal(running.startedAt, 10);
    const complete = toComplete({ ...running, progress: { chunksDone: 1, chunksTotal: 2 } }, audio, 20);
    assert.deepEqual([complete.status, complete.finishedAt, complete.progress], ['COMPLETE', 20, { chunksDone: 2, chunksTotal: 2 }]);
  });

  it('refuses to leave a final status', () => {
    const complete = toComplete(toProcessing(queued, 1), audio, 2);
    assert.throws(() => toCancelled(complete, 3), /cannot go from COMPLETE to CANCELLED/);
    assert.throws(() => toRequeued(queued), /cannot go from QUEUED to QUEUED/);
  });
});

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, utimes, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import { deliveryRepair } from '../../../server/jobs/delivery-repair.ts';
import { recoverJobs } from '../../../server/jobs/recovery.ts';
import { closeRedis } from '../../../server/jobs/cluster/redis-connection.ts';
import type { JobEvent } from '../../../server/jobs/events/job-event-bus.ts';
import { LocalEventBus } from '../../../server/jobs/events/local-event-bus.ts';
import { KeyedMutex } from '../../../server/jobs/keyed-mutex.ts';
import { BullMqJobQueue } from '../../../server/jobs/queue/bullmq-job-queue.ts';
import { createSqliteKeyvFactory, type KeyvFactory } from '../../../server/storage/keyv-factory.ts';
import { KeyvJobStore } from '../../../server/storage/keyv-job-store.ts';
import { makeJobRecord } from '../../support/job-record.ts';
import { newId } from '../../../server/shared/ids.ts';
import type { JobRecord, JobStatus } from '../../../server/shared/job.ts';
import { createMetrics } from '../../../server/shared/metrics.ts';
import { quietLogger, redisSkip, removeKeys, testRedis, uniqueName, waitFor } from './scale-test-env.ts';

const HOUR_MS = 3600 * 1000;

function record(status: JobStatus, attempts = 0): JobRecord {
  return makeJobRecord({ status, attempts, textChars: 4 });
}

describe('shared job state repair (real Redis)', { skip: redisSkip() }, () => {
  let redis: Redis;
  let dir: string;
  let factory: KeyvFactory;
  let store: KeyvJobStore;
  let queue: BullMqJobQueue;
  const prefix = uniqueName('recovery');
  const lock = new KeyedMutex();
  const bus = new LocalEventBus();
  const events: JobEvent[] = [];

  before(async () => {
    redis = await testRedis();
    dir = await mkdtemp(join(tmpdir(), 'cluster-recovery-'));
    await mkdir(join(dir, 'audio'));
    await mkdir(join(dir, 'voices'));
    factory = await createSqliteKeyvFactory(join(dir, 'jobs.sqlite'));
    store = new KeyvJobStore(factory);
    await store.open();
    queue = new BullMqJobQueue({ connection: redis, prefix, logger: quietLogger });
    bus.subscribeAll((event) => events.push(event));
  });

  after(async () => {
    await queue.close();
    await factory.close();
    await rm(dir, { recursive: true, force: true });
    await removeKeys(redis, prefix);
    await closeRedis(redis);
  });

  it('queues what the queue lost, requeues orphaned PROCESSING jobs, and leaves held work alone', async () => {
    const lostQueued = record('QUEUED');
    const heldQueued = record('QUEUED');
    const orphanedProcessing = record('PROCESSING', 1);
    const runningElsewhere = record('PROCESSING', 1);
    const finished = record('COMPLETE', 1);
    for (const job of [lostQueued, heldQueued, orphanedProcessing, runningElsewhere, finished]) await store.create(job, 'text');
    await queue.enqueue(heldQueued.id);
    await queue.enqueue(runningElsewhere.id); // stands for a job a worker holds

    const options = { store, queue, lock, clock: { now: () => Date.now() }, logger: quietLogger, audioDir: join(dir, 'audio'), voicesDir: join(dir, 'voices'), minFileAgeMs: HOUR_MS };
    const result = await recoverJobs(await store.open(), options);

    assert.deepEqual({ enqueued: result.enqueued, requeued: result.requeued }, { enqueued: 1, requeued: 1 });
    assert.equal((await store.get(orphanedProcessing.id))?.status, 'QUEUED');
    assert.equal((await store.get(orphanedProcessing.id))?.attempts, 1, 'the interrupted attempt stays counted');
    assert.equal((await store.get(runningElsewhere.id))?.status, 'PROCESSING');
    for (const job of [lostQueued, heldQueued, orphanedProcessing]) assert.equal(await queue.has(job.id), true, job.id);
    assert.equal(await queue.has(finished.id), false);
  });

  it('removes only temp files and record-less audio older than an hour, never young ones', async () => {
    const kept = record('COMPLETE', 1);
    await store.create(kept, 'text');
    const audio = join(dir, 'audio');
    const old = (Date.now() - 2 * HOUR_MS) / 1000;
    const files: Record<string, boolean> = {
      [`${kept.id}.wav`]: true, // has a record
      [`${newId()}.wav`]: false, // old, no record
      '.tmp-abc-old.wav': false, // old temp file
    };
    for (const name of Object.keys(files)) {
      await writeFile(join(audio, name), 'x');
      await utimes(join(audio, name), old, old);
    }
    await writeFile(join(audio, '.tmp-def-young.wav'), 'x'); // a worker writing right now
    await writeFile(join(audio, `${newId()}.wav`), 'x'); // a job created after the snapshot
    const young = (await readdir(audio)).filter((name) => !(name in files));

    const result = await recoverJobs(await store.open(), {
      store, queue, lock, clock: { now: () => Date.now() }, logger: quietLogger, audioDir: audio, voicesDir: join(dir, 'voices'), minFileAgeMs: HOUR_MS,
    });

    assert.deepEqual({ orphanFiles: result.orphanFiles, tempFiles: result.tempFiles }, { orphanFiles: 1, tempFiles: 1 });
    assert.deepEqual((await readdir(audio)).sort(), [`${kept.id}.wav`, ...young].sort());
  });

  it('puts a redelivered PROCESSING job back to QUEUED and fails a job the queue gave up on', async () => {
    const repair = deliveryRepair({ store, lock, bus, clock: { now: () => 5 }, metrics: createMetrics(), logger: quietLogger });
    const interrupted = record('PROCESSING', 2);
    const abandoned = record('QUEUED');
    const done = record('COMPLETE', 1);
    for (const job of [interrupted, abandoned, done]) await store.create(job, 'text');

    await repair.reclaim(interrupted.id);
    await repair.reclaim(done.id);
    await repair.abandon(abandoned.id, 'store unreachable');
    await repair.abandon(done.id, 'late');

    assert.deepEqual([(await store.get(interrupted.id))?.status, (await store.get(interrupted.id))?.attempts], ['QUEUED', 2]);
    const failed = await store.get(abandoned.id);
    assert.equal(failed?.status, 'FAILED');
    assert.equal(failed?.error?.code, 'queue_gave_up');
    assert.match(failed?.error?.message ?? '', /store unreachable/);
    assert.equal((await store.get(done.id))?.status, 'COMPLETE');
    await waitFor(() => events.some((event) => event.type === 'done' && event.jobId === abandoned.id), 'the done event');
  });
});

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createSqliteKeyvFactory, type KeyvFactory } from '../../../server/storage/keyv-factory.ts';
import { KeyvJobStore } from '../../../server/storage/keyv-job-store.ts';
import { makeJobRecord } from '../../support/job-record.ts';
import { newId } from '../../../server/shared/ids.ts';
import type { JobRecord, JobStatus } from '../../../server/shared/job.ts';

function record(createdAt: number, status: JobStatus = 'QUEUED'): JobRecord {
  return makeJobRecord({ createdAt, status, textChars: 2 });
}

describe('KeyvJobStore over SQLite', () => {
  let dir: string;
  let factory: KeyvFactory;
  let store: KeyvJobStore;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatterbox-store-'));
    factory = await createSqliteKeyvFactory(join(dir, 'jobs.sqlite'));
    store = new KeyvJobStore(factory);
    await store.open();
  });
  after(async () => {
    await factory.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores a record and its text apart', async () => {
    const job = record(1000);
    await store.create(job, 'Hello.');
    assert.deepEqual(await store.get(job.id), job);
    assert.equal(await store.getText(job.id), 'Hello.');
    await store.remove(job.id);
    assert.equal(await store.get(job.id), undefined);
    assert.equal(await store.getText(job.id), undefined);
  });

  it('pages newest first with a cursor and filters by status', async () => {
    const jobs = [record(2000, 'COMPLETE'), record(3000, 'FAILED'), record(4000, 'COMPLETE'), record(5000, 'COMPLETE')];
    for (const job of jobs) await store.create(job, 'x');
    const first = await store.list({ limit: 2, status: 'COMPLETE' });
    assert.deepEqual(first.records.map((r) => r.createdAt), [5000, 4000]);
    const second = await store.list({ limit: 2, status: 'COMPLETE', cursor: first.nextCursor! });
    assert.deepEqual(second.records.map((r) => r.createdAt), [2000]);
    assert.equal(second.nextCursor, null);
    assert.deepEqual(await store.idsCreatedBefore(3500), [jobs[0]!.id, jobs[1]!.id]);
  });

  it('rebuilds its index from the file after a restart', async () => {
    const before = await store.count();
    const reopened = new KeyvJobStore(factory);
    const records = await reopened.open();
    assert.equal(records.length, before);
    assert.equal(await reopened.count(), before);
  });

  it('keeps tombstones and idempotency keys until purged by age', async () => {
    const id = newId();
    await store.putTombstone({ id, reason: 'deleted', at: 100 });
    await store.putIdempotency({ key: 'k', jobId: id, fingerprint: 'f', expiresAt: 500 });
    assert.equal((await store.getTombstone(id))?.reason, 'deleted');
    assert.equal(await store.purgeTombstones(50), 0);
    assert.equal(await store.purgeTombstones(200), 1);
    assert.equal(await store.purgeIdempotency(600), 1);
    assert.equal(await store.getIdempotency('k'), undefined);
  });

  it('rejects a cursor it did not issue', async () => {
    await assert.rejects(store.list({ limit: 1, cursor: 'bm9wZQ' }), { code: 'invalid_cursor' });
  });
});

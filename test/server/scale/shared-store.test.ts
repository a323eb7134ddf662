import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import KeyvPostgres from '@keyv/postgres';
import type { Redis } from 'ioredis';
import { RedisJobIndex } from '../../../server/storage/redis-job-index.ts';
import { closeRedis } from '../../../server/jobs/cluster/redis-connection.ts';
import type { KeyvFactory } from '../../../server/storage/keyv-factory.ts';
import { KeyvJobStore } from '../../../server/storage/keyv-job-store.ts';
import { createPostgresKeyvFactory, createRedisKeyvFactory } from '../../../server/storage/shared-keyv-factory.ts';
import { KeyvLexiconStore } from '../../../server/storage/lexicon-store.ts';
import { KeyvVoiceStore } from '../../../server/storage/voice-store.ts';
import type { JobRecord } from '../../../server/shared/job.ts';
import { makeJobRecord } from '../../support/job-record.ts';
import { newId } from '../../../server/shared/ids.ts';
import { POSTGRES_URL, REDIS_URL, postgresSkip, redisSkip, removeKeys, testRedis, uniqueName } from './scale-test-env.ts';

function record(createdAt: number, changes: Partial<JobRecord> = {}): JobRecord {
  return makeJobRecord({ createdAt, ...changes });
}

interface Backend {
  name: string;
  skip: string | false;
  /** A keyv factory as one process would open it. */
  open: () => Promise<KeyvFactory>;
  cleanup: () => Promise<void>;
}

const redisPrefix = uniqueName('store');
const table = uniqueName('store');

const backends: Backend[] = [
  {
    name: 'Redis',
    skip: redisSkip(),
    open: () => createRedisKeyvFactory(REDIS_URL!, redisPrefix),
    cleanup: async () => undefined, // keys go with the prefix below
  },
  {
    name: 'PostgreSQL',
    skip: redisSkip() || postgresSkip(),
    open: () => createPostgresKeyvFactory(POSTGRES_URL!, table),
    cleanup: async () => {
      const adapter = new KeyvPostgres({ uri: POSTGRES_URL!, table });
      await adapter.query(`DROP TABLE IF EXISTS ${table}`);
      await adapter.disconnect();
    },
  },
];

for (const backend of backends) {
  describe(`job and voice records shared through ${backend.name}`, { skip: backend.skip }, () => {
    let redis: Redis;
    let factory: KeyvFactory;
    /** Two processes: separate store objects and indexes over the same backend. */
    let processA: KeyvJobStore;
    let processB: KeyvJobStore;

    before(async () => {
      redis = await testRedis();
      factory = await backend.open();
      processA = new KeyvJobStore(factory, new RedisJobIndex(redis, redisPrefix));
      processB = new KeyvJobStore(factory, new RedisJobIndex(redis, redisPrefix));
      await processA.open();
      await processB.open();
    });

    after(async () => {
      await factory.close();
      await backend.cleanup();
      await removeKeys(redis, redisPrefix);
      await closeRedis(redis);
    });

    it('lets one process read, update and remove what another created', async () => {
      const job = record(1000);
      await processA.create(job, 'Hello');
      assert.deepEqual(await processB.get(job.id), job);
      assert.equal(await processB.getText(job.id), 'Hello');
      await processB.update({ ...job, status: 'PROCESSING', attempts: 1 });
      assert.equal((await processA.get(job.id))?.status, 'PROCESSING');
      await processA.remove(job.id);
      assert.equal(await processB.get(job.id), undefined);
      assert.equal(await processB.getText(job.id), undefined);
    });

    it('pages through the jobs of every process, newest first, from any process', async () => {
      const created: JobRecord[] = [];
      for (let index = 0; index < 10; index += 1) {
        const job = record(2000 + index, { status: index % 2 === 0 ? 'COMPLETE' : 'QUEUED' });
        await (index % 2 === 0 ? processA : processB).create(job, 'text');
        created.push(job);
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await processA.list({ limit: 4, cursor });
        seen.push(...page.records.map((job) => job.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      assert.deepEqual(seen, created.map((job) => job.id).reverse());
      const complete = await processB.list({ limit: 10, status: 'COMPLETE' });
      assert.deepEqual(complete.records.map((job) => job.id), created.filter((job) => job.status === 'COMPLETE').map((job) => job.id).reverse());
      assert.equal(await processB.count(), 10);
      assert.deepEqual(await processB.idsCreatedBefore(2002), [created[0]!.id, created[1]!.id]);
    });

    it('returns every record to a process that opens the store later (for start-up recovery)', async () => {
      const late = new KeyvJobStore(factory, new RedisJobIndex(redis, redisPrefix));
      assert.equal((await late.open()).length, 10);
    });

    it('shares tombstones and idempotency keys, and purges the stale ones', async () => {
      await processA.putTombstone({ id: 'gone-1', reason: 'deleted', at: 10 });
      await processA.putTombstone({ id: 'gone-2', reason: 'expired', at: 5000 });
      assert.deepEqual(await processB.getTombstone('gone-1'), { id: 'gone-1', reason: 'deleted', at: 10 });
      assert.equal(await processB.purgeTombstones(100), 1);
      assert.equal(await processA.getTombstone('gone-1'), undefined);
      await processB.putIdempotency({ key: 'k1', jobId: 'j1', fingerprint: 'f', expiresAt: 50 });
      await processB.putIdempotency({ key: 'k2', jobId: 'j2', fingerprint: 'f', expiresAt: 5000 });
      assert.equal((await processA.getIdempotency('k1'))?.jobId, 'j1');
      assert.equal(await processA.purgeIdempotency(100), 1);
      assert.equal((await processB.getIdempotency('k2'))?.jobId, 'j2');
    });

    it('carries the speech script, timings and unspeakable characters of a record to the other process', async () => {
      const speech = {
        leadingPauseMs: 250,
        chunks: [{ source: '**Heute** 3. Dezember.', spoken: 'Heute dritter Dezember.', fragment: false, pauseAfterMs: 600, startSample: 6000, endSample: 30_000 }],
        unspeakable: { '☃': 2, ก: 1 },
      };
      const job = record(9000, { status: 'COMPLETE', speech });
      await processA.create(job, 'text');
      assert.deepEqual((await processB.get(job.id))?.speech, speech);
      await processA.remove(job.id);
    });

    it('shares stored lexicons', async () => {
      await new KeyvLexiconStore(factory).put('de', { GmbH: 'Gesellschaft mit beschränkter Haftung' });
      assert.deepEqual(await new KeyvLexiconStore(factory).get('de'), { GmbH: 'Gesellschaft mit beschränkter Haftung' });
      assert.equal(await new KeyvLexiconStore(factory).remove('de'), true);
    });

    it('shares stored voices', async () => {
      const voice = { id: newId(), name: 'Narrator', durationSeconds: 4, createdAt: 1, clipFile: 'x.wav', bytes: 10 };
      await new KeyvVoiceStore(factory).put(voice);
      assert.deepEqual(await new KeyvVoiceStore(factory).list(), [voice]);
    });
  });
}

describe('shared store connections', () => {
  it('fail the start with the reason when the store cannot be reached', async () => {
    await assert.rejects(createRedisKeyvFactory('redis://127.0.0.1:1', 'x'), /ECONNREFUSED/);
    await assert.rejects(createPostgresKeyvFactory('postgres://postgres@127.0.0.1:1/test', 'x'), /ECONNREFUSED/);
  });
});

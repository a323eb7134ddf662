import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import { RedisJobIndex } from '../../../server/storage/redis-job-index.ts';
import { closeRedis } from '../../../server/jobs/cluster/redis-connection.ts';
import { MemoryJobIndex, type IndexEntry, type JobIndex } from '../../../server/storage/job-index.ts';
import { redisSkip, removeKeys, testRedis, uniqueName } from './scale-test-env.ts';

async function collect(iterable: AsyncIterable<IndexEntry>): Promise<string[]> {
  const ids: string[] = [];
  for await (const entry of iterable) ids.push(entry.id);
  return ids;
}

/** 450 entries (more than one Redis batch), with runs of equal creation times. */
const ENTRIES: IndexEntry[] = Array.from({ length: 450 }, (_, index) => ({
  createdAt: 1_700_000_000_000 + Math.floor(index / 3) * 1000,
  id: `job_${String((index * 7919) % 450).padStart(4, '0')}`,
}));

describe('RedisJobIndex (real Redis)', { skip: redisSkip() }, () => {
  let redis: Redis;
  const prefix = uniqueName('index');
  let shared: JobIndex;
  const memory = new MemoryJobIndex();

  before(async () => {
    redis = await testRedis();
    shared = new RedisJobIndex(redis, prefix);
    await shared.load(ENTRIES);
    await memory.load(ENTRIES);
  });

  after(async () => {
    await removeKeys(redis, prefix);
    await closeRedis(redis);
  });

  it('lists newest first, equal times by id, exactly like the in-memory index', async () => {
    assert.deepEqual(await collect(shared.newestFirst()), await collect(memory.newestFirst()));
  });

  it('continues after a cursor entry, including one in the middle of equal times', async () => {
    for (const cursor of [ENTRIES[0]!, ENTRIES[200]!, ENTRIES[201]!, ENTRIES[449]!, { createdAt: 1_600_000_000_000, id: 'job_x' }]) {
      assert.deepEqual(await collect(shared.newestFirst(cursor)), await collect(memory.newestFirst(cursor)), JSON.stringify(cursor));
    }
  });

  it('finds entries created before a time, oldest first', async () => {
    const time = ENTRIES[30]!.createdAt;
    assert.deepEqual(await shared.createdBefore(time), await memory.createdBefore(time));
  });

  it('counts, adds and removes', async () => {
    assert.equal(await shared.size(), 450);
    await shared.add({ createdAt: 1_800_000_000_000, id: 'job_new' });
    assert.equal((await collect(shared.newestFirst()))[0], 'job_new');
    await shared.remove('job_new');
    assert.equal(await shared.size(), 450);
  });

  it('loads only once: a second process opening the store keeps the shared set as it is', async () => {
    await shared.remove(ENTRIES[0]!.id);
    await new RedisJobIndex(redis, prefix).load(ENTRIES);
    assert.equal(await shared.size(), 449);
    await shared.add(ENTRIES[0]!);
  });

  it('fills itself again from the records when Redis lost it', async () => {
    await removeKeys(redis, prefix);
    await new RedisJobIndex(redis, prefix).load(ENTRIES);
    assert.equal(await shared.size(), 450);
  });
});

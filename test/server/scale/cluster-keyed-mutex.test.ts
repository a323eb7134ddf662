import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import { ClusterKeyedMutex } from '../../../server/jobs/cluster/cluster-keyed-mutex.ts';
import { closeRedis } from '../../../server/jobs/cluster/redis-connection.ts';
import { quietLogger, redisSkip, removeKeys, testRedis, uniqueName } from './scale-test-env.ts';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('ClusterKeyedMutex (real Redis)', { skip: redisSkip() }, () => {
  const prefix = uniqueName('lock');
  let first: Redis;
  let second: Redis;
  let processA: ClusterKeyedMutex;
  let processB: ClusterKeyedMutex;

  before(async () => {
    first = await testRedis();
    second = await testRedis();
    processA = new ClusterKeyedMutex({ redis: first, prefix, logger: quietLogger });
    processB = new ClusterKeyedMutex({ redis: second, prefix, logger: quietLogger });
  });

  after(async () => {
    await removeKeys(first, prefix);
    await closeRedis(first);
    await closeRedis(second);
  });

  it('runs the sections of one key one at a time across processes, so no read-modify-write is lost', async () => {
    let stored = 0;
    let inside = 0;
    let most = 0;
    const increment = async (): Promise<void> => {
      inside += 1;
      most = Math.max(most, inside);
      const read = stored;
      await pause(2);
      stored = read + 1;
      inside -= 1;
    };
    const runs = Array.from({ length: 40 }, (_, index) => (index % 2 === 0 ? processA : processB).run('job-1', increment));
    await Promise.all(runs);
    assert.equal(stored, 40);
    assert.equal(most, 1);
  });

  it('lets sections of different keys run at the same time', async () => {
    let inside = 0;
    let most = 0;
    const section = async (): Promise<void> => {
      inside += 1;
      most = Math.max(most, inside);
      await pause(50);
      inside -= 1;
    };
    await Promise.all([processA.run('job-a', section), processB.run('job-b', section)]);
    assert.equal(most, 2);
  });

  it('releases the lock when a section throws and passes the error on', async () => {
    await assert.rejects(processA.run('job-2', async () => Promise.reject(new Error('section failed'))), /section failed/);
    assert.equal(await processB.run('job-2', async () => 'free again'), 'free again');
  });
});

/**
 * What the scale-out suites share: the real Redis / PostgreSQL they run against (named by
 * CHATTERBOX_TEST_REDIS_URL / CHATTERBOX_TEST_POSTGRES_URL, which .ci/run sets), a key
 * prefix or table unique to the run, and cleanup. Without the variables the suites skip
 * (`redisSkip()` / `postgresSkip()`) and say why.
 */
import { randomBytes } from 'node:crypto';
import { after, before } from 'node:test';
import type { Redis } from 'ioredis';
import { closeRedis, connectRedis } from '../../../server/jobs/cluster/redis-connection.ts';
import { createLogger } from '../../../server/shared/logger.ts';

export const REDIS_URL = process.env.CHATTERBOX_TEST_REDIS_URL;
export const POSTGRES_URL = process.env.CHATTERBOX_TEST_POSTGRES_URL;

export { postgresSkip, redisSkip } from '../../support/requirements.ts';

export const quietLogger = createLogger('silent');

/** A Redis key prefix (or Postgres table name) no other run uses. */
export function uniqueName(kind: string): string {
  return `cbtest_${kind}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export function testRedis(name = 'test'): Promise<Redis> {
  return connectRedis({ url: REDIS_URL!, name, logger: quietLogger });
}

/**
 * A suite's own Redis connection, open before its tests. After them it closes what `closing`
 * holds by then, deletes the keys under `prefix` and disconnects.
 */
export function suiteRedis(prefix: string, closing: readonly { close(): Promise<unknown> }[]): { readonly redis: Redis } {
  const suite = {} as { redis: Redis };
  before(async () => {
    suite.redis = await testRedis();
  });
  after(async () => {
    await Promise.all(closing.map((item) => item.close()));
    await removeKeys(suite.redis, prefix);
    await closeRedis(suite.redis);
  });
  return suite;
}

/** Deletes every key under `prefix` (BullMQ's, keyv's, locks, index). */
export async function removeKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `*${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
}

export { waitFor } from '../../support/wait-for.ts';

/**
 * The job index shared by every process of a deployment: a Redis sorted set scored by
 * creation time. Equal times order by id, like the in-memory index. A marker key says the
 * set is complete; when Redis lost it (no persistence, FLUSHALL) the next process to open
 * the store fills it again from the records.
 */
import type { Redis } from 'ioredis';
import type { IndexEntry, JobIndex } from './job-index.ts';

/** Members fetched per round trip while a page is being filled. */
const PAGE_BATCH = 200;
/** Members added per command while loading. */
const LOAD_BATCH = 1000;

export class RedisJobIndex implements JobIndex {
  private readonly key: string;
  private readonly completeKey: string;

  /** @param prefix - key prefix shared by every process of one deployment */
  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = `${prefix}:jobs:by-created`;
    this.completeKey = `${this.key}:complete`;
  }

  async load(entries: readonly IndexEntry[]): Promise<void> {
    if ((await this.redis.exists(this.completeKey)) === 1) return;
    for (let start = 0; start < entries.length; start += LOAD_BATCH) {
      const args = entries.slice(start, start + LOAD_BATCH).flatMap((entry) => [entry.createdAt, entry.id]);
      await this.redis.zadd(this.key, ...args);
    }
    await this.redis.set(this.completeKey, String(entries.length));
  }

  async add(entry: IndexEntry): Promise<void> {
    await this.redis.zadd(this.key, entry.createdAt, entry.id);
  }

  async remove(id: string): Promise<void> {
    await this.redis.zrem(this.key, id);
  }

  async *newestFirst(after?: IndexEntry): AsyncGenerator<IndexEntry> {
    const max = after === undefined ? '+inf' : String(after.createdAt);
    for (let offset = 0; ; offset += PAGE_BATCH) {
      const flat = await this.redis.zrange(this.key, max, '-inf', 'BYSCORE', 'REV', 'LIMIT', offset, PAGE_BATCH, 'WITHSCORES');
      for (const entry of pairs(flat)) {
        // Members with the cursor's own time come first in the range; only those below it count.
        if (after === undefined || entry.createdAt < after.createdAt || entry.id < after.id) yield entry;
      }
      if (flat.length < PAGE_BATCH * 2) return;
    }
  }

  async createdBefore(time: number): Promise<IndexEntry[]> {
    return pairs(await this.redis.zrange(this.key, '-inf', `(${time}`, 'BYSCORE', 'WITHSCORES'));
  }

  async size(): Promise<number> {
    return this.redis.zcard(this.key);
  }
}

/** [member, score, member, score, …] -> entries. */
function pairs(flat: string[]): IndexEntry[] {
  const entries: IndexEntry[] = [];
  for (let index = 0; index < flat.length; index += 2) entries.push({ id: flat[index]!, createdAt: Number(flat[index + 1]) });
  return entries;
}

import type Keyv from 'keyv';
import { ValidationError } from '../shared/errors/validation-error.ts';
import { isValidId } from '../shared/ids.ts';
import type { JobRecord, JobTombstone } from '../shared/job.ts';
import type { IndexEntry } from './creation-index.ts';
import { MemoryJobIndex, type JobIndex } from './job-index.ts';
import type { IdempotencyEntry, JobListQuery, JobPage, JobStore } from './job-store.ts';
import type { KeyvFactory } from './keyv-factory.ts';

/** Records fetched per round trip while filling a filtered page. */
const LIST_BATCH = 100;

/**
 * JobStore over any keyv backend, with a creation index for listing: in memory for one
 * process, shared (redis-job-index.ts) when several processes use the store.
 */
export class KeyvJobStore implements JobStore {
  private readonly jobs: Keyv<JobRecord>;
  private readonly texts: Keyv<string>;
  private readonly tombstones: Keyv<JobTombstone>;
  private readonly idempotency: Keyv<IdempotencyEntry>;
  /** @param index - where listing order lives. @defaultValue a fresh in-memory index */
  constructor(
    factory: KeyvFactory,
    private readonly index: JobIndex = new MemoryJobIndex(),
  ) {
    this.jobs = factory.namespace<JobRecord>('jobs');
    this.texts = factory.namespace<string>('texts');
    this.tombstones = factory.namespace<JobTombstone>('tombstones');
    this.idempotency = factory.namespace<IdempotencyEntry>('idempotency');
  }

  async open(): Promise<JobRecord[]> {
    const records: JobRecord[] = [];
    for await (const [, record] of iterate(this.jobs)) records.push(record);
    await this.index.load(records.map((record) => ({ createdAt: record.createdAt, id: record.id })));
    return records;
  }

  async create(record: JobRecord, text: string): Promise<void> {
    // Text first: a record is never visible without the text a worker needs to run it.
    await this.texts.set(record.id, text);
    await this.jobs.set(record.id, record);
    await this.index.add({ createdAt: record.createdAt, id: record.id });
  }

  async get(id: string): Promise<JobRecord | undefined> {
    return this.jobs.get(id);
  }

  async getText(id: string): Promise<string | undefined> {
    return this.texts.get(id);
  }

  async update(record: JobRecord): Promise<void> {
    await this.jobs.set(record.id, record);
  }

  async remove(id: string): Promise<void> {
    await this.jobs.delete(id);
    await this.texts.delete(id);
    await this.index.remove(id);
  }

  async list(query: JobListQuery): Promise<JobPage> {
    // One record beyond the page tells whether a next page exists.
    const wanted = query.limit + 1;
    const records: JobRecord[] = [];
    let batch: string[] = [];
    for await (const entry of this.index.newestFirst(decodeCursor(query.cursor))) {
      batch.push(entry.id);
      if (batch.length < LIST_BATCH) continue;
      await this.collect(batch, query, records, wanted);
      batch = [];
      if (records.length >= wanted) break;
    }
    if (records.length < wanted) await this.collect(batch, query, records, wanted);
    const page = records.slice(0, query.limit);
    const more = records.length > query.limit;
    return { records: page, nextCursor: more ? encodeCursor(page[page.length - 1]!) : null };
  }

  private async collect(ids: string[], query: JobListQuery, into: JobRecord[], wanted: number): Promise<void> {
    if (ids.length === 0) return;
    for (const record of await this.jobs.getMany(ids)) {
      if (into.length >= wanted) return;
      if (record !== undefined && (query.status === undefined || record.status === query.status)) into.push(record);
    }
  }

  async idsCreatedBefore(time: number): Promise<string[]> {
    return (await this.index.createdBefore(time)).map((entry) => entry.id);
  }

  count(): Promise<number> {
    return this.index.size();
  }

  async getTombstone(id: string): Promise<JobTombstone | undefined> {
    return this.tombstones.get(id);
  }

  async putTombstone(tombstone: JobTombstone): Promise<void> {
    await this.tombstones.set(tombstone.id, tombstone);
  }

  async purgeTombstones(time: number): Promise<number> {
    return purgeWhere(this.tombstones, (tombstone) => tombstone.at < time);
  }

  async getIdempotency(key: string): Promise<IdempotencyEntry | undefined> {
    return this.idempotency.get(key);
  }

  async putIdempotency(entry: IdempotencyEntry): Promise<void> {
    await this.idempotency.set(entry.key, entry);
  }

  async purgeIdempotency(time: number): Promise<number> {
    return purgeWhere(this.idempotency, (entry) => entry.expiresAt < time);
  }

  async close(): Promise<void> {
    // Connections belong to the factory, which main.ts closes.
  }
}

async function* iterate<T>(keyv: Keyv<T>): AsyncGenerator<[string, T]> {
  if (keyv.iterator === undefined) throw new Error('this keyv backend cannot iterate; pick one that can');
  for await (const [key, value] of keyv.iterator(undefined)) {
    if (value !== undefined) yield [key as string, value as T];
  }
}

async function purgeWhere<T>(keyv: Keyv<T>, isStale: (value: T) => boolean): Promise<number> {
  const stale: string[] = [];
  for await (const [key, value] of iterate(keyv)) if (isStale(value)) stale.push(key);
  if (stale.length > 0) await keyv.deleteMany(stale);
  return stale.length;
}

/** Cursor = position of the last record of a page; opaque to clients. */
function encodeCursor(record: JobRecord): string {
  return Buffer.from(`${record.createdAt}:${record.id}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): IndexEntry | undefined {
  if (cursor === undefined) return undefined;
  const [createdAt, id, extra] = Buffer.from(cursor, 'base64url').toString().split(':');
  const time = Number(createdAt);
  if (!Number.isSafeInteger(time) || id === undefined || !isValidId(id) || extra !== undefined) {
    throw new ValidationError('cursor is not one this server issued; start again without it', { code: 'invalid_cursor', field: 'cursor' });
  }
  return { createdAt: time, id };
}

/**
 * Job ids ordered by creation time, for listing pages and finding expired jobs without
 * scanning the store. In memory for one process; a shared implementation (Redis sorted
 * set) when several processes create and delete jobs.
 */
import { CreationIndex, type IndexEntry } from './creation-index.ts';

export type { IndexEntry };

export interface JobIndex {
  /** Fills the index from every stored record, at open (a shared index only when it was lost). */
  load(entries: readonly IndexEntry[]): Promise<void>;
  add(entry: IndexEntry): Promise<void>;
  remove(id: string): Promise<void>;
  /** Entries strictly older than `after` (or all), newest first, fetched as they are consumed. */
  newestFirst(after?: IndexEntry): AsyncIterable<IndexEntry>;
  /** Entries created before `time`, oldest first. */
  createdBefore(time: number): Promise<IndexEntry[]>;
  size(): Promise<number>;
}

/** The single-process index: built from the store at every start. */
export class MemoryJobIndex implements JobIndex {
  private readonly index = new CreationIndex();

  async load(entries: readonly IndexEntry[]): Promise<void> {
    for (const entry of entries) this.index.add(entry);
  }

  async add(entry: IndexEntry): Promise<void> {
    this.index.add(entry);
  }

  async remove(id: string): Promise<void> {
    this.index.remove(id);
  }

  async *newestFirst(after?: IndexEntry): AsyncGenerator<IndexEntry> {
    yield* this.index.newestFirst(after);
  }

  async createdBefore(time: number): Promise<IndexEntry[]> {
    return this.index.createdBefore(time);
  }

  async size(): Promise<number> {
    return this.index.size;
  }
}

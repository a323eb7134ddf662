/**
 * Job ids ordered by creation time, kept in memory so listing pages and finding expired
 * jobs never scan the whole store. Built once from the store at open; the process that
 * creates and deletes jobs keeps it current.
 */
export interface IndexEntry {
  createdAt: number;
  id: string;
}

function compare(a: IndexEntry, b: IndexEntry): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export class CreationIndex {
  /** Ascending by (createdAt, id). */
  private readonly entries: IndexEntry[] = [];
  private readonly byId = new Map<string, IndexEntry>();

  get size(): number {
    return this.entries.length;
  }

  add(entry: IndexEntry): void {
    if (this.byId.has(entry.id)) return;
    this.entries.splice(this.insertionPoint(entry), 0, entry);
    this.byId.set(entry.id, entry);
  }

  remove(id: string): void {
    const entry = this.byId.get(id);
    if (entry === undefined) return;
    this.entries.splice(this.insertionPoint(entry), 1);
    this.byId.delete(id);
  }

  /** Entries strictly older than `after` (or all), newest first. */
  *newestFirst(after?: IndexEntry): Generator<IndexEntry> {
    const start = after === undefined ? this.entries.length : this.insertionPoint(after);
    for (let index = start - 1; index >= 0; index -= 1) yield this.entries[index]!;
  }

  createdBefore(time: number): IndexEntry[] {
    return this.entries.slice(0, this.insertionPoint({ createdAt: time, id: '' }));
  }

  /** First position whose entry is not smaller than `entry` (binary search). */
  private insertionPoint(entry: IndexEntry): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(this.entries[middle]!, entry) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

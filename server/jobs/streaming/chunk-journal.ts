/**
 * Keeps the audio chunks of running jobs so that a client can listen while a job is still
 * being synthesized, even one that connects after the first sentences were done: it gets
 * what was produced so far at once, then each new chunk as the worker finishes it.
 *
 * Chunks live in memory only while their job runs (24 kHz float: about 96 kB per second of
 * audio, for the one job per device that runs at a time) and are dropped when it ends; the
 * finished file is what clients read after that.
 */
import type { JobStatus } from '../../shared/job.ts';
import type { JobEvent, JobEventBus, Unsubscribe } from '../events/job-event-bus.ts';

export interface AudioChunk {
  index: number;
  total: number;
  sampleRate: number;
  samples: Float32Array;
}

interface Entry {
  chunks: AudioChunk[];
  readers: Set<ChunkReader>;
}

export class ChunkJournal {
  private readonly entries = new Map<string, Entry>();
  private unsubscribe: Unsubscribe | undefined;

  constructor(private readonly bus: JobEventBus) {}

  start(): void {
    this.unsubscribe ??= this.bus.subscribeAll((event) => this.onEvent(event));
  }

  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const entry of this.entries.values()) for (const reader of entry.readers) reader.finish(null);
    this.entries.clear();
  }

  /**
   * A reader of `jobId`'s chunks: those kept so far, then new ones, until the job ends.
   * Attach before reading the job's status, so no chunk can fall between the two.
   */
  attach(jobId: string): ChunkReader {
    const entry = this.entry(jobId);
    const reader = new ChunkReader(() => this.detach(jobId, reader));
    entry.readers.add(reader);
    for (const chunk of entry.chunks) reader.offer(chunk);
    return reader;
  }

  /** How many clients are listening to `jobId` right now. */
  readers(jobId: string): number {
    return this.entries.get(jobId)?.readers.size ?? 0;
  }

  private onEvent(event: JobEvent): void {
    if (event.type === 'chunk') {
      const chunk = { index: event.index, total: event.total, sampleRate: event.sampleRate, samples: event.samples };
      const entry = this.entry(event.jobId);
      // A job re-run after a worker loss repeats its chunks; the first copy is kept.
      if (chunk.index === entry.chunks.length) entry.chunks.push(chunk);
      for (const reader of entry.readers) reader.offer(chunk);
    } else if (event.type === 'done') {
      const entry = this.entries.get(event.jobId);
      this.entries.delete(event.jobId);
      for (const reader of entry?.readers ?? []) reader.finish(event.status);
    }
  }

  private entry(jobId: string): Entry {
    let entry = this.entries.get(jobId);
    if (entry === undefined) {
      entry = { chunks: [], readers: new Set() };
      this.entries.set(jobId, entry);
    }
    return entry;
  }

  private detach(jobId: string, reader: ChunkReader): void {
    const entry = this.entries.get(jobId);
    if (entry === undefined) return;
    entry.readers.delete(reader);
    // A job that never ran (or whose readers all left before it started) keeps no entry.
    if (entry.readers.size === 0 && entry.chunks.length === 0) this.entries.delete(jobId);
  }
}

/** Chunks of one job in order, as an async iterator; ends when the job does or on close(). */
export class ChunkReader implements AsyncIterable<AudioChunk> {
  private readonly queue: AudioChunk[] = [];
  private nextIndex = 0;
  private wake: (() => void) | undefined;
  private ended = false;
  /** The job's final status once it ended; null while running or when closed early. */
  finalStatus: JobStatus | null = null;
  /** True once the listener itself stopped (client gone), as opposed to the job ending. */
  closedByListener = false;

  constructor(private readonly onClose: () => void) {}

  /** @internal journal side: queues a chunk unless it is a repeat. */
  offer(chunk: AudioChunk): void {
    if (this.ended || chunk.index !== this.nextIndex) return;
    this.nextIndex += 1;
    this.queue.push(chunk);
    this.notify();
  }

  /** @internal journal side: the job ended (status) or the journal closed (null). */
  finish(status: JobStatus | null): void {
    if (this.ended) return;
    this.finalStatus = status;
    this.ended = true;
    this.notify();
  }

  /** Stops listening; idempotent. */
  close(): void {
    if (!this.ended) {
      this.closedByListener = true;
      this.ended = true;
      this.notify();
    }
    this.onClose();
  }

  /** Chunks received so far (what a late listener already has). */
  get received(): number {
    return this.nextIndex;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<AudioChunk> {
    for (;;) {
      const chunk = this.queue.shift();
      if (chunk !== undefined) {
        yield chunk;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

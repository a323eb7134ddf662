/**
 * Format conversion off the HTTP event loop: decoding and encoding a long job takes seconds
 * of CPU (mp3 runs at about 70x real time), which would stall every other request.
 * Piscina keeps a small pool of worker threads, started on first use and retired when idle.
 */
import { Piscina } from 'piscina';
import { threadEntry } from '../../shared/runtime-paths.ts';
import type { ConversionTask } from './convert-audio.ts';

export interface ConversionPoolOptions {
  /** Conversions running at once; more wait in Piscina's queue. @defaultValue 1 */
  threads?: number;
  /** An idle thread exits after this long, so an unused pool costs no memory. @defaultValue 30000 */
  idleTimeoutMs?: number;
}

export type ConvertAudio = (task: ConversionTask) => Promise<Uint8Array>;

export class ConversionPool {
  private readonly pool: Piscina<ConversionTask, Uint8Array>;

  constructor({ threads = 1, idleTimeoutMs = 30_000 }: ConversionPoolOptions = {}) {
    this.pool = new Piscina({
      filename: threadEntry('convert.worker', import.meta.url).href,
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: idleTimeoutMs,
    });
  }

  readonly convert: ConvertAudio = (task) => this.pool.run(task, { transferList: ownedBuffer(task.source) });

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

/** Moves the source's memory to the thread only when the view owns all of it (not a slice of Node's Buffer pool). */
function ownedBuffer(view: Uint8Array): ArrayBuffer[] {
  const { buffer } = view;
  return buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === buffer.byteLength ? [buffer] : [];
}

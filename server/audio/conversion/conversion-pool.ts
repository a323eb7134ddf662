/**
 * Format conversion off the HTTP event loop: decoding and encoding a long job takes seconds
 * of CPU (mp3 runs at about 70x real time), which would stall every other request.
 * Piscina keeps a small pool of worker threads, started on first use and retired when idle.
 */
import { Piscina } from 'piscina';
import { threadEntry } from '../../shared/runtime-paths.ts';
import type { ProbedClip } from '../clip-probe.ts';
import type { ClipHeaderLimits } from '../clip-header.ts';
import { fromPlainError } from '../../shared/errors/plain-error.ts';
import { InvalidAudioError } from '../../shared/errors/invalid-audio-error.ts';
import type { ConversionTask } from './convert-audio.ts';
import type { ProbeResult, ProbeTask } from './convert.worker.ts';

export interface ConversionPoolOptions {
  /** Conversions running at once; more wait in Piscina's queue. @defaultValue 1 */
  threads?: number;
  /** An idle thread exits after this long, so an unused pool costs no memory. @defaultValue 30000 */
  idleTimeoutMs?: number;
}

export type ConvertAudio = (task: ConversionTask) => Promise<Uint8Array>;
/** Checks and decodes an uploaded clip (clip-probe.ts), wherever it runs. */
export type ProbeClip = (bytes: Uint8Array, limits: ClipHeaderLimits) => Promise<ProbedClip>;

/** Longest a clip may take to decode; a thread still busy then is ended (a crafted file, not a voice). */
const PROBE_TIMEOUT_MS = 15_000;
/** JS heap of a probe thread; samples live outside it and are bounded by the header check. */
const PROBE_HEAP_MB = 512;

export class ConversionPool {
  private readonly pool: Piscina<ConversionTask, Uint8Array>;

  constructor({ threads = 1, idleTimeoutMs = 30_000 }: ConversionPoolOptions = {}) {
    this.pool = new Piscina({
      filename: threadEntry('convert.worker', import.meta.url).href,
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: idleTimeoutMs,
    });
    this.probes = new Piscina({
      filename: new URL('./convert.worker.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: idleTimeoutMs,
      resourceLimits: { maxOldGenerationSizeMb: PROBE_HEAP_MB },
    });
  }

  /** Uploads are decoded on their own thread: a slow or huge one never stalls the HTTP event loop. */
  private readonly probes: Piscina<ProbeTask, ProbeResult>;

  readonly convert: ConvertAudio = (task) => this.pool.run(task, { transferList: ownedBuffer(task.source) });

  readonly probeClip: ProbeClip = async (bytes, limits) => {
    let result: ProbeResult;
    try {
      result = await this.probes.run({ bytes, limits }, { name: 'probe', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') {
        throw new InvalidAudioError(`The clip took longer than ${PROBE_TIMEOUT_MS / 1000} s to decode; upload a short, plain recording.`, { code: 'clip_decode_timeout' });
      }
      throw error;
    }
    if ('error' in result) throw result.error.status === 422 ? new InvalidAudioError(result.error.message, { code: result.error.code }) : fromPlainError(result.error);
    return result.clip;
  };

  close(): Promise<void> {
    return Promise.all([this.pool.destroy(), this.probes.destroy()]).then(() => undefined);
  }
}

/** Moves the source's memory to the thread only when the view owns all of it (not a slice of Node's Buffer pool). */
function ownedBuffer(view: Uint8Array): ArrayBuffer[] {
  const { buffer } = view;
  return buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === buffer.byteLength ? [buffer] : [];
}

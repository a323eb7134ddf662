/**
 * One synth worker thread per configured device. Tasks borrow an idle, ready worker; when
 * none is free they wait in line. Readiness = every worker has loaded its engine.
 */
import { Worker } from 'node:worker_threads';
import type { Device, VoiceSource } from '../engine/tts-engine.ts';
import { fromPlainError, type PlainError } from '../shared/errors/plain-error.ts';
import type { Logger } from '../shared/logger.ts';
import { threadEntry } from '../shared/runtime-paths.ts';
import type { SynthesisOutcome, SynthesisTask, WorkerInit } from './messages.ts';
import { WorkerHandle, type ChunkUpdate, type WorkerSpawner, type WorkerState } from './worker-handle.ts';

export interface WorkerPoolOptions {
  devices: readonly Device[];
  /** Everything but the device, shared by all workers. */
  init: Omit<WorkerInit, 'device'>;
  logger: Logger;
  /** @defaultValue spawns synth.worker.ts */
  spawn?: WorkerSpawner;
}

export interface WorkerStatus {
  index: number;
  device: Device;
  state: WorkerState | 'busy';
  currentJobId: string | null;
  jobsDone: number;
  error: PlainError | null;
}

export interface RunHooks {
  onChunk?: (chunk: ChunkUpdate) => void;
  signal?: AbortSignal;
}

interface Waiter {
  resolve: (handle: WorkerHandle) => void;
  reject: (error: unknown) => void;
  signal?: AbortSignal;
}

/** How long close() lets a worker finish its current call before terminating it. */
const CLOSE_TIMEOUT_MS = 10_000;

/** Starts a thread on synth.worker (under tsx, the plain-JS entry that registers tsx: synth.worker.mjs). */
const spawnSynthWorker: WorkerSpawner = (init) =>
  new Worker(threadEntry('synth.worker', import.meta.url), { workerData: init, name: `synth-${init.device}` });

export class WorkerPool {
  private readonly handles: WorkerHandle[];
  private readonly waiters: Waiter[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(options: WorkerPoolOptions) {
    const spawn = options.spawn ?? spawnSynthWorker;
    this.handles = options.devices.map(
      (device, index) =>
        new WorkerHandle(index, { ...options.init, device }, spawn, options.logger, () => this.onWorkerChange()),
    );
  }

  start(): void {
    for (const handle of this.handles) handle.start();
  }

  /** Every worker has a loaded engine. */
  get ready(): boolean {
    return this.handles.every((handle) => handle.state === 'ready');
  }

  get readyCount(): number {
    return this.handles.filter((handle) => handle.state === 'ready').length;
  }

  /** Why the model is unusable, when every worker has failed. */
  get fatalError(): PlainError | null {
    const failed = this.handles.every((handle) => handle.state === 'failed');
    return failed ? (this.handles.find((handle) => handle.error !== null)?.error ?? null) : null;
  }

  get firstError(): PlainError | null {
    return this.handles.find((handle) => handle.error !== null)?.error ?? null;
  }

  status(): WorkerStatus[] {
    return this.handles.map((handle) => ({
      index: handle.index,
      device: handle.init.device,
      state: handle.reserved && handle.state === 'ready' ? 'busy' : handle.state,
      currentJobId: handle.currentJobId,
      jobsDone: handle.jobsDone,
      error: handle.error,
    }));
  }

  /** Called whenever worker states change (readiness, capacity). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async run(task: SynthesisTask, hooks: RunHooks = {}): Promise<SynthesisOutcome> {
    const handle = await this.acquire(hooks.signal);
    handle.currentJobId = task.jobId;
    try {
      const { taskId, done } = handle.synthesize(task, hooks.onChunk ?? (() => {}));
      const onAbort = (): void => handle.cancel(taskId);
      hooks.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const outcome = await done;
        handle.jobsDone += 1;
        return outcome;
      } finally {
        hooks.signal?.removeEventListener('abort', onAbort);
      }
    } finally {
      handle.currentJobId = null;
      this.release(handle);
    }
  }

  /** Computes a voice's conditioning now if a worker is idle; false when all are busy (it happens on first use then). */
  async prepareVoiceIfIdle(voice: VoiceSource): Promise<boolean> {
    const handle = this.handles.find((candidate) => candidate.state === 'ready' && !candidate.reserved);
    if (handle === undefined) return false;
    handle.reserved = true;
    try {
      await handle.prepareVoice(voice);
      return true;
    } finally {
      this.release(handle);
    }
  }

  async close(): Promise<void> {
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Error('worker pool is closing'));
    await Promise.all(this.handles.map((handle) => handle.close(CLOSE_TIMEOUT_MS)));
  }

  private acquire(signal?: AbortSignal): Promise<WorkerHandle> {
    signal?.throwIfAborted();
    const fatal = this.fatalError;
    if (fatal !== null) return Promise.reject(fromPlainError(fatal));
    const idle = this.idleHandle();
    if (idle !== undefined) {
      idle.reserved = true;
      return Promise.resolve(idle);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      this.waiters.push(waiter);
      signal?.addEventListener(
        'abort',
        () => {
          const position = this.waiters.indexOf(waiter);
          if (position >= 0) this.waiters.splice(position, 1);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  private release(handle: WorkerHandle): void {
    handle.reserved = false;
    this.onWorkerChange();
  }

  private idleHandle(): WorkerHandle | undefined {
    return this.handles.find((handle) => handle.state === 'ready' && !handle.reserved);
  }

  private onWorkerChange(): void {
    const fatal = this.fatalError;
    if (fatal !== null) {
      for (const waiter of this.waiters.splice(0)) waiter.reject(fromPlainError(fatal));
    }
    for (let idle = this.idleHandle(); idle !== undefined && this.waiters.length > 0; idle = this.idleHandle()) {
      idle.reserved = true;
      this.waiters.shift()!.resolve(idle);
    }
    for (const listener of this.listeners) listener();
  }
}

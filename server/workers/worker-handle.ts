/**
 * One worker thread seen from the main thread: its state, the calls in flight, restart
 * after a crash. The pool decides which handle gets which task.
 */
import { Worker } from 'node:worker_threads';
import type { EngineInfo, VoiceSource } from '../engine/tts-engine.ts';
import { fromPlainError, type PlainError } from '../shared/errors/plain-error.ts';
import type { Logger } from '../shared/logger.ts';
import type { FromWorkerMessage, SynthesisOutcome, SynthesisTask, ToWorkerMessage, WorkerInit } from './messages.ts';

export type WorkerState = 'starting' | 'ready' | 'failed' | 'stopped';

export interface ChunkUpdate {
  index: number;
  total: number;
  samples: Float32Array;
}

interface PendingCall {
  resolve: (value: SynthesisOutcome | undefined) => void;
  reject: (error: Error) => void;
  onChunk?: (chunk: ChunkUpdate) => void;
}

/** Creates the thread; tests and the pool pass the real synth.worker.ts spawner. */
export type WorkerSpawner = (init: WorkerInit) => Worker;

/** Consecutive crashes (without a finished task between them) before a worker is given up. */
const MAX_CONSECUTIVE_CRASHES = 3;
const RESTART_DELAY_MS = 500;

export class WorkerHandle {
  state: WorkerState = 'starting';
  error: PlainError | null = null;
  info: EngineInfo | null = null;
  /** Set while the pool has lent this worker to a task. */
  reserved = false;
  currentJobId: string | null = null;
  jobsDone = 0;
  private worker: Worker | undefined;
  private readonly pending = new Map<number, PendingCall>();
  private nextTaskId = 1;
  private crashes = 0;
  private closing: Promise<void> | undefined;

  constructor(
    readonly index: number,
    readonly init: WorkerInit,
    private readonly spawn: WorkerSpawner,
    private readonly logger: Logger,
    private readonly onStateChange: () => void,
  ) {}

  start(): void {
    this.state = 'starting';
    const worker = this.spawn(this.init);
    this.worker = worker;
    worker.on('message', (message: FromWorkerMessage) => this.onMessage(message));
    worker.on('error', (error) => this.logger.error({ err: error, worker: this.index }, 'synth worker error'));
    worker.on('exit', (code) => this.onExit(worker, code));
  }

  synthesize(task: SynthesisTask, onChunk: (chunk: ChunkUpdate) => void): { taskId: number; done: Promise<SynthesisOutcome> } {
    const taskId = this.nextTaskId++;
    const done = this.call(taskId, { type: 'synthesize', taskId, task }, onChunk) as Promise<SynthesisOutcome>;
    return { taskId, done };
  }

  async prepareVoice(voice: VoiceSource): Promise<void> {
    const taskId = this.nextTaskId++;
    await this.call(taskId, { type: 'prepare_voice', taskId, voice });
  }

  cancel(taskId: number): void {
    if (this.pending.has(taskId)) this.send({ type: 'cancel', taskId });
  }

  /** Asks the worker to finish its call and release the engine; terminates it if it does not. Idempotent. */
  close(timeoutMs: number): Promise<void> {
    this.closing ??= this.shutdown(timeoutMs);
    return this.closing;
  }

  private call(taskId: number, message: ToWorkerMessage, onChunk?: (chunk: ChunkUpdate) => void): Promise<unknown> {
    if (this.state !== 'ready') return Promise.reject(new Error(`worker ${this.index} is ${this.state}`));
    return new Promise((resolve, reject) => {
      this.pending.set(taskId, { resolve: resolve as PendingCall['resolve'], reject, onChunk });
      this.send(message);
    });
  }

  private send(message: ToWorkerMessage): void {
    this.worker?.postMessage(message);
  }

  private onMessage(message: FromWorkerMessage): void {
    switch (message.type) {
      case 'ready':
        this.info = message.info;
        this.setState('ready');
        break;
      case 'init_failed':
        this.error = message.error;
        this.logger.error({ worker: this.index, error: message.error }, 'engine failed to load');
        this.setState('failed');
        break;
      case 'chunk':
        this.pending.get(message.taskId)?.onChunk?.(message);
        break;
      case 'done':
        this.crashes = 0;
        this.settle(message.taskId, (call) => call.resolve(message.outcome));
        break;
      case 'voice_prepared':
        this.settle(message.taskId, (call) => call.resolve(undefined));
        break;
      case 'failed':
        this.settle(message.taskId, (call) => call.reject(fromPlainError(message.error)));
        break;
      case 'closed':
        break;
    }
  }

  private settle(taskId: number, action: (call: PendingCall) => void): void {
    const call = this.pending.get(taskId);
    if (call === undefined) return;
    this.pending.delete(taskId);
    action(call);
  }

  private onExit(worker: Worker, code: number): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    const lost = [...this.pending.values()];
    this.pending.clear();
    const crash = fromPlainError({ name: 'WorkerCrashed', code: 'worker_crashed', message: `synthesis worker exited (code ${code})` });
    for (const call of lost) call.reject(crash);
    if (this.closing !== undefined || this.state === 'failed') {
      if (this.state !== 'failed') this.setState('stopped');
      return;
    }
    this.crashes += 1;
    this.logger.error({ worker: this.index, code, crashes: this.crashes }, 'synth worker exited unexpectedly');
    if (this.crashes >= MAX_CONSECUTIVE_CRASHES) {
      this.error = { name: 'WorkerCrashed', code: 'worker_crashed', message: `worker crashed ${this.crashes} times in a row` };
      this.setState('failed');
      return;
    }
    this.setState('starting');
    setTimeout(() => {
      if (this.closing === undefined) this.start();
    }, RESTART_DELAY_MS).unref();
  }

  private async shutdown(timeoutMs: number): Promise<void> {
    const worker = this.worker;
    if (worker === undefined) {
      this.setState(this.state === 'failed' ? 'failed' : 'stopped');
      return;
    }
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.send({ type: 'close' });
    const timer = setTimeout(() => void worker.terminate(), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  private setState(state: WorkerState): void {
    this.state = state;
    this.onStateChange();
  }
}

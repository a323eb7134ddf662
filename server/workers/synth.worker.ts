/**
 * Worker thread entry: owns one engine on one device and runs one engine call at a time.
 * Started by WorkerPool with a WorkerInit as workerData.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from '../engine/index.ts';
import type { TtsEngine } from '../engine/tts-engine.ts';
import { toPlainError } from '../shared/errors/plain-error.ts';
import type { FromWorkerMessage, ToWorkerMessage, WorkerInit } from './messages.ts';
import { runSynthesis } from './run-synthesis.ts';
import { lowerThreadPriority } from './thread-priority.ts';

const port = parentPort;
if (port === null) throw new Error('synth.worker.ts must run as a worker thread');
const init = workerData as WorkerInit;
const controllers = new Map<number, AbortController>();
/** Engine calls are chained: the engine contract allows one at a time. */
let queue: Promise<void> = Promise.resolve();

function post(message: FromWorkerMessage): void {
  port!.postMessage(message);
}

function enqueue(taskId: number, work: (signal: AbortSignal) => Promise<FromWorkerMessage>): void {
  const controller = new AbortController();
  controllers.set(taskId, controller);
  queue = queue.then(async () => {
    try {
      controller.signal.throwIfAborted();
      post(await work(controller.signal));
    } catch (error) {
      post({ type: 'failed', taskId, error: toPlainError(error) });
    } finally {
      controllers.delete(taskId);
    }
  });
}

function handle(engine: TtsEngine, message: ToWorkerMessage): void {
  switch (message.type) {
    case 'synthesize':
      enqueue(message.taskId, async (signal) => {
        const outcome = await runSynthesis(engine, message.task, signal, (chunk) =>
          post({ type: 'chunk', taskId: message.taskId, index: chunk.index, total: chunk.total, samples: chunk.samples }),
        );
        return { type: 'done', taskId: message.taskId, outcome };
      });
      break;
    case 'prepare_voice':
      enqueue(message.taskId, async () => {
        await engine.prepareVoice(message.voice);
        return { type: 'voice_prepared', taskId: message.taskId };
      });
      break;
    case 'cancel':
      controllers.get(message.taskId)?.abort();
      break;
    case 'close':
      for (const controller of controllers.values()) controller.abort();
      void queue.then(() => engine.close()).finally(() => {
        post({ type: 'closed' });
        port!.close();
      });
      break;
  }
}

try {
  lowerThreadPriority(init.nice);
  const engine = await createEngine({
    modelDir: init.modelDir,
    variant: init.variant,
    device: init.device,
    intraOpThreads: init.intraOpThreads,
    voiceCacheSize: init.voiceCacheSize,
    outputLoudnessLufs: init.outputLoudnessLufs,
    stopOnRepeatedToken: init.stopOnRepeatedToken,
  });
  port.on('message', (message: ToWorkerMessage) => handle(engine, message));
  post({ type: 'ready', info: engine.info });
} catch (error) {
  post({ type: 'init_failed', error: toPlainError(error) });
}

import { EventEmitter } from 'node:events';
import type { JobEvent, JobEventBus, JobEventListener, Unsubscribe } from './job-event-bus.ts';

const ALL_JOBS = Symbol('all jobs');

/** Event bus for a single process. A throwing listener cannot break the publisher. */
export class LocalEventBus implements JobEventBus {
  private readonly emitter = new EventEmitter({ captureRejections: false });

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {
    // Every SSE client is a listener; the default limit of 10 would log false leak warnings.
    this.emitter.setMaxListeners(0);
  }

  publish(event: JobEvent): void {
    this.emitter.emit(event.jobId, event);
    this.emitter.emit(ALL_JOBS, event);
  }

  subscribe(jobId: string, listener: JobEventListener): Unsubscribe {
    return this.listen(jobId, listener);
  }

  subscribeAll(listener: JobEventListener): Unsubscribe {
    return this.listen(ALL_JOBS, listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }

  private listen(channel: string | symbol, listener: JobEventListener): Unsubscribe {
    const safe = (event: JobEvent): void => {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    };
    this.emitter.on(channel, safe);
    return () => this.emitter.off(channel, safe);
  }
}

/**
 * JobEventBus over Redis pub/sub, so an SSE client, an audio stream, callbacks or the
 * metrics of an API process see what a worker process does, and a cancel from any API
 * process reaches the worker running the job. Delivery stays best effort, as the
 * interface says: state lives in the JobStore, events say "look again" or carry audio.
 *
 * Every event goes to one channel that every process listens to, audio chunks included:
 * the chunk journal of each API process keeps the chunks of running jobs so a listener
 * joining late hears the start. That costs about 130 kB/s (base64 float32 at 24 kHz) per
 * second of audio produced per second, per API process; small next to what a GPU worker
 * needs, and a LAN carries it easily.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../../shared/logger.ts';
import { decodeEvent, encodeEvent } from './event-codec.ts';
import type { JobEvent, JobEventBus, JobEventListener, Unsubscribe } from './job-event-bus.ts';
import { LocalEventBus } from './local-event-bus.ts';

export interface RedisEventBusOptions {
  /** Any connection; publishing does not block it. */
  publisher: Redis;
  /** A connection of its own: once subscribed, Redis lets it do nothing else. */
  subscriber: Redis;
  /** Channel prefix, shared by every process of one deployment. @defaultValue 'chatterbox' */
  prefix?: string;
  logger: Logger;
}

export class RedisEventBus implements JobEventBus {
  /** Delivers what arrives from Redis to this process's listeners. */
  private readonly local: LocalEventBus;
  private readonly channel: string;
  private closed = false;

  constructor(private readonly options: RedisEventBusOptions) {
    this.channel = `${options.prefix ?? 'chatterbox'}:events`;
    this.local = new LocalEventBus((error) => options.logger.warn({ err: error }, 'job event listener threw'));
    options.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.deliver(message);
    });
  }

  /** Joins the channel; events published before it resolves are not seen here. */
  async start(): Promise<void> {
    await this.options.subscriber.subscribe(this.channel);
  }

  /** Goes through Redis even for this process's own listeners, so every process sees one order. */
  publish(event: JobEvent): void {
    if (this.closed) return;
    this.options.publisher.publish(this.channel, encodeEvent(event)).catch((error: unknown) => {
      this.options.logger.warn({ err: error, jobId: event.jobId, event: event.type }, 'could not publish a job event');
    });
  }

  subscribe(jobId: string, listener: JobEventListener): Unsubscribe {
    return this.local.subscribe(jobId, listener);
  }

  subscribeAll(listener: JobEventListener): Unsubscribe {
    return this.local.subscribeAll(listener);
  }

  /** Leaves the channel; the connections belong to the caller. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.local.close();
    if (this.options.subscriber.status === 'ready') await this.options.subscriber.unsubscribe(this.channel).catch(() => undefined);
  }

  private deliver(message: string): void {
    const event = decodeEvent(message);
    if (event === undefined) {
      this.options.logger.warn({ bytes: message.length }, 'ignored a message on the job event channel that is not a job event');
      return;
    }
    this.local.publish(event);
  }
}

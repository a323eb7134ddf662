import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import { decodeEvent, encodeEvent } from '../../../server/jobs/events/event-codec.ts';
import type { JobEvent } from '../../../server/jobs/events/job-event-bus.ts';
import { RedisEventBus } from '../../../server/jobs/events/redis-event-bus.ts';
import { closeRedis } from '../../../server/jobs/cluster/redis-connection.ts';
import { quietLogger, redisSkip, testRedis, uniqueName, waitFor } from './scale-test-env.ts';

describe('job event codec', () => {
  it('round-trips every event kind, audio samples bit for bit', () => {
    const samples = new Float32Array([0, 0.5, -1, 1e-7, Math.PI]);
    const events: JobEvent[] = [
      { type: 'status', jobId: 'a', status: 'PROCESSING' },
      { type: 'progress', jobId: 'a', chunksDone: 1, chunksTotal: 3 },
      { type: 'chunk', jobId: 'a', index: 0, total: 3, sampleRate: 24_000, samples },
      { type: 'done', jobId: 'a', status: 'COMPLETE' },
      { type: 'cancel', jobId: 'a' },
    ];
    for (const event of events) assert.deepEqual(decodeEvent(encodeEvent(event)), event);
  });

  it('encodes a chunk that is a view into a larger buffer with only its own samples', () => {
    const backing = new Float32Array([9, 1, 2, 9]);
    const view = new Float32Array(backing.buffer, 4, 2);
    const decoded = decodeEvent(encodeEvent({ type: 'chunk', jobId: 'a', index: 0, total: 1, sampleRate: 24_000, samples: view }));
    assert.deepEqual(decoded?.type === 'chunk' ? [...decoded.samples] : null, [1, 2]);
  });

  it('rejects text that is not a job event', () => {
    for (const text of ['not json', '42', 'null', '{"type":"status","jobId":"a","status":"WEIRD"}', '{"type":"boom","jobId":"a"}', '{"type":"cancel"}']) {
      assert.equal(decodeEvent(text), undefined, text);
    }
  });
});

describe('RedisEventBus (real Redis)', { skip: redisSkip() }, () => {
  const prefix = uniqueName('bus');
  const connections: Redis[] = [];
  let api: RedisEventBus;
  let worker: RedisEventBus;

  /** A bus with its own connections, as a separate process would have. */
  async function processBus(): Promise<RedisEventBus> {
    const publisher = await testRedis();
    const subscriber = await testRedis();
    connections.push(publisher, subscriber);
    const bus = new RedisEventBus({ publisher, subscriber, prefix, logger: quietLogger });
    await bus.start();
    return bus;
  }

  before(async () => {
    api = await processBus();
    worker = await processBus();
  });

  after(async () => {
    await api.close();
    await worker.close();
    await Promise.all(connections.map((redis) => closeRedis(redis)));
  });

  it('delivers what one process publishes to the listeners of another, in order', async () => {
    const seen: JobEvent[] = [];
    const unsubscribe = api.subscribe('job-1', (event) => seen.push(event));
    worker.publish({ type: 'status', jobId: 'job-1', status: 'PROCESSING' });
    worker.publish({ type: 'progress', jobId: 'job-1', chunksDone: 1, chunksTotal: 2 });
    worker.publish({ type: 'chunk', jobId: 'job-1', index: 0, total: 2, sampleRate: 24_000, samples: new Float32Array([0.25, -0.25]) });
    worker.publish({ type: 'done', jobId: 'job-1', status: 'COMPLETE' });
    await waitFor(() => seen.length === 4, 'four events');
    unsubscribe();
    assert.deepEqual(seen.map((event) => event.type), ['status', 'progress', 'chunk', 'done']);
    const chunk = seen[2]!;
    assert.deepEqual(chunk.type === 'chunk' ? [...chunk.samples] : null, [0.25, -0.25]);
  });

  it('gives a job listener only its own job and an all-jobs listener every job', async () => {
    const mine: string[] = [];
    const everything: string[] = [];
    const stopMine = worker.subscribe('job-2', (event) => mine.push(event.jobId));
    const stopAll = worker.subscribeAll((event) => everything.push(event.jobId));
    api.publish({ type: 'cancel', jobId: 'job-3' });
    api.publish({ type: 'cancel', jobId: 'job-2' });
    await waitFor(() => everything.length === 2, 'both cancels');
    stopMine();
    stopAll();
    assert.deepEqual(mine, ['job-2']);
    assert.deepEqual(everything, ['job-3', 'job-2']);
  });

  it('delivers a process its own events too, back through Redis', async () => {
    const seen: string[] = [];
    const stop = api.subscribe('job-4', (event) => seen.push(event.type));
    api.publish({ type: 'status', jobId: 'job-4', status: 'QUEUED' });
    await waitFor(() => seen.length === 1, 'the own event');
    assert.deepEqual(seen, ['status']);
    stop();
  });

  it('keeps delivering to other listeners when one throws', async () => {
    const seen: string[] = [];
    const stopBad = api.subscribe('job-5', () => {
      throw new Error('listener bug');
    });
    const stopGood = api.subscribe('job-5', (event) => seen.push(event.type));
    worker.publish({ type: 'done', jobId: 'job-5', status: 'FAILED' });
    await waitFor(() => seen.length === 1, 'the good listener');
    stopBad();
    stopGood();
  });
});

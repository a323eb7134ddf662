import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Queue, Worker } from 'bullmq';
import { BullMqJobQueue, type BullMqJobQueueOptions } from '../../../server/jobs/queue/bullmq-job-queue.ts';
import { quietLogger, redisSkip, suiteRedis, uniqueName, waitFor } from './scale-test-env.ts';

describe('BullMqJobQueue (real Redis)', { skip: redisSkip() }, () => {
  const prefix = uniqueName('queue');
  const queues: BullMqJobQueue[] = [];
  const suite = suiteRedis(prefix, queues);
  let queueNo = 0;

  /** A queue of its own name per test, so tests cannot see each other's jobs. */
  function makeQueue(options: Partial<BullMqJobQueueOptions> = {}, name = `q${queueNo++}`): BullMqJobQueue {
    const queue = new BullMqJobQueue({ connection: suite.redis, prefix, name, logger: quietLogger, ...options });
    queues.push(queue);
    return queue;
  }

  it('runs every enqueued job once and ignores an id that is already waiting', async () => {
    const queue = makeQueue();
    await queue.enqueue('job-a');
    await queue.enqueue('job-a');
    await queue.enqueue('job-b');
    assert.equal(await queue.depth(), 2);
    const ran: string[] = [];
    queue.process(async (jobId) => {
      ran.push(jobId);
    }, 1);
    await waitFor(async () => ran.length === 2 && (await queue.depth()) === 0, 'both jobs to run');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(ran, ['job-a', 'job-b']);
  });

  it('takes a waiting job out with remove() but leaves a running one alone', async () => {
    const queue = makeQueue();
    let release!: () => void;
    const running = new Promise<void>((resolve) => (release = resolve));
    const started: string[] = [];
    queue.process(async (jobId) => {
      started.push(jobId);
      await running;
    }, 1);
    await queue.enqueue('running');
    await waitFor(() => started.length === 1, 'the first job to start');
    await queue.enqueue('waiting');
    assert.equal(await queue.remove('waiting'), true);
    assert.equal(await queue.remove('running'), false);
    assert.equal(await queue.remove('never-added'), false);
    assert.equal(await queue.depth(), 0);
    release();
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(started, ['running']);
  });

  it('takes no job while concurrency is 0 and starts when it is raised', async () => {
    const queue = makeQueue();
    const ran: string[] = [];
    queue.process(async (jobId) => {
      ran.push(jobId);
    }, 0);
    await queue.enqueue('job-1');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(ran, []);
    queue.setConcurrency(1);
    await waitFor(() => ran.length === 1, 'the job to start after raising concurrency');
  });

  it('runs up to `concurrency` jobs at once in one process', async () => {
    const queue = makeQueue();
    let runningNow = 0;
    let most = 0;
    let done = 0;
    queue.process(async () => {
      runningNow += 1;
      most = Math.max(most, runningNow);
      await new Promise((resolve) => setTimeout(resolve, 100));
      runningNow -= 1;
      done += 1;
    }, 2);
    for (let index = 0; index < 6; index += 1) await queue.enqueue(`job-${index}`);
    await waitFor(() => done === 6, 'six jobs');
    assert.equal(most, 2);
  });

  it('hands a job back when its handler enqueues it again, and tells the next run it is a redelivery', async () => {
    const redelivered: string[] = [];
    const queue = makeQueue();
    const runs: string[] = [];
    const repair = { reclaim: async (jobId: string) => void redelivered.push(jobId), abandon: async () => undefined };
    queue.process(async (jobId) => {
      runs.push(jobId);
      if (runs.length === 1) await queue.enqueue(jobId);
    }, 1, repair);
    await queue.enqueue('job-x');
    await waitFor(() => runs.length === 2, 'the handed-back job to run again');
    assert.deepEqual(runs, ['job-x', 'job-x']);
    assert.deepEqual(redelivered, ['job-x']);
  });

  it('gives a job whose worker died mid-run to another worker once its lock lapses', async () => {
    const name = `q${queueNo++}`;
    const lockDurationMs = 800;
    // A bare BullMQ worker that takes the job and then stops renewing its lock, as a killed process would.
    const producer = new Queue(name, { connection: suite.redis, prefix });
    // Same stalled-check interval as the survivor: the first checker blocks others for its interval.
    const timing = { lockDuration: lockDurationMs, stalledInterval: 300 };
    const doomed = new Worker(name, () => new Promise<void>(() => {}), { connection: suite.redis, prefix, ...timing });
    await producer.add('synthesize', {}, { jobId: 'orphan', removeOnComplete: true });
    await waitFor(async () => (await producer.getActiveCount()) === 1, 'the doomed worker to take the job');
    await doomed.close(true);
    await producer.close();

    const redelivered: string[] = [];
    const survivor = makeQueue({ lockDurationMs, stalledIntervalMs: timing.stalledInterval }, name);
    const ran: string[] = [];
    const repair = { reclaim: async (jobId: string) => void redelivered.push(jobId), abandon: async () => undefined };
    survivor.process(async (jobId) => void ran.push(jobId), 1, repair);
    await waitFor(() => ran.length === 1, 'the stalled job to run on the surviving worker', 8000);
    assert.deepEqual(ran, ['orphan']);
    assert.deepEqual(redelivered, ['orphan']);
  });

  it('gives up on a job whose handler keeps throwing after the configured attempts', async () => {
    const gaveUp: Array<[string, string]> = [];
    const queue = makeQueue({ handlerAttempts: 2, handlerBackoffMs: 10 });
    let runs = 0;
    const repair = { reclaim: async () => undefined, abandon: async (jobId: string, reason: string) => void gaveUp.push([jobId, reason]) };
    queue.process(async () => {
      runs += 1;
      throw new Error('store unreachable');
    }, 1, repair);
    await queue.enqueue('doomed');
    await waitFor(() => gaveUp.length === 1, 'the queue to give up');
    assert.equal(runs, 2);
    assert.deepEqual(gaveUp, [['doomed', 'store unreachable']]);
    assert.equal(await queue.has('doomed'), false);
  });

  it('waits for running handlers on close and ignores enqueues afterwards', async () => {
    const queue = makeQueue();
    let started = false;
    let finished = false;
    queue.process(async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 300));
      finished = true;
    }, 1);
    await queue.enqueue('slow');
    await waitFor(() => started, 'the job to start');
    await queue.close();
    assert.equal(finished, true);
    await queue.enqueue('late');
    await queue.close();
  });
});

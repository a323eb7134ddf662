import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LocalJobQueue } from '../../../server/jobs/queue/local-job-queue.ts';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('LocalJobQueue', () => {
  it('hands out jobs in submit order, never more than the concurrency at once', async () => {
    const queue = new LocalJobQueue();
    const started: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    queue.process(async (id) => {
      started.push(id);
      const gate = deferred();
      gates.set(id, gate);
      await gate.promise;
    }, 2);
    for (const id of ['a', 'b', 'c', 'd']) await queue.enqueue(id);
    assert.deepEqual(started, ['a', 'b']);
    assert.equal(await queue.depth(), 2);
    gates.get('a')!.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(started, ['a', 'b', 'c']);
    for (const gate of gates.values()) gate.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    gates.get('d')?.resolve();
    await queue.close();
    assert.deepEqual(started, ['a', 'b', 'c', 'd']);
  });

  it('waits with concurrency 0 until capacity appears', async () => {
    const queue = new LocalJobQueue();
    const started: string[] = [];
    queue.process(async (id) => void started.push(id), 0);
    await queue.enqueue('x');
    assert.deepEqual(started, []);
    queue.setConcurrency(1);
    assert.deepEqual(started, ['x']);
    await queue.close();
  });

  it('removes a waiting job but not a running one, and ignores duplicates', async () => {
    const queue = new LocalJobQueue();
    const gate = deferred();
    const started: string[] = [];
    queue.process(async (id) => {
      started.push(id);
      await gate.promise;
    }, 1);
    await queue.enqueue('run');
    await queue.enqueue('wait');
    await queue.enqueue('wait');
    assert.equal(await queue.depth(), 1);
    assert.equal(await queue.remove('run'), false);
    assert.equal(await queue.remove('wait'), true);
    assert.equal(await queue.depth(), 0);
    gate.resolve();
    await queue.close();
    assert.deepEqual(started, ['run']);
  });

  it('reports a crashing handler and keeps going', async () => {
    const errors: string[] = [];
    const queue = new LocalJobQueue((id) => errors.push(id));
    const done: string[] = [];
    queue.process(async (id) => {
      if (id === 'bad') throw new Error('boom');
      done.push(id);
    }, 1);
    await queue.enqueue('bad');
    await queue.enqueue('good');
    await queue.close();
    assert.deepEqual(errors, ['bad']);
    assert.deepEqual(done, ['good']);
  });
});

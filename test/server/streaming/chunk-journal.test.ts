import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LocalEventBus } from '../../../server/jobs/events/local-event-bus.ts';
import { ChunkJournal, type AudioChunk } from '../../../server/jobs/streaming/chunk-journal.ts';

const JOB = 'job-1';

/** A journal listening on its own in-process bus. */
function startedJournal(): { bus: LocalEventBus; journal: ChunkJournal } {
  const bus = new LocalEventBus();
  const journal = new ChunkJournal(bus);
  journal.start();
  return { bus, journal };
}

function chunk(bus: LocalEventBus, index: number, total = 3): void {
  bus.publish({ type: 'chunk', jobId: JOB, index, total, sampleRate: 24_000, samples: new Float32Array(10).fill(index) });
}

async function collect(reader: AsyncIterable<AudioChunk>): Promise<number[]> {
  const seen: number[] = [];
  for await (const item of reader) seen.push(item.index);
  return seen;
}

describe('ChunkJournal', () => {
  it('gives a late listener the chunks so far, then the new ones, and ends with the job', async () => {
    const { bus, journal } = startedJournal();
    chunk(bus, 0);
    chunk(bus, 1);
    const reader = journal.attach(JOB);
    const done = collect(reader);
    chunk(bus, 2);
    bus.publish({ type: 'done', jobId: JOB, status: 'COMPLETE' });
    assert.deepEqual(await done, [0, 1, 2]);
    assert.equal(reader.finalStatus, 'COMPLETE');
    journal.close();
  });

  it('skips chunks a re-run repeats after a worker loss', async () => {
    const { bus, journal } = startedJournal();
    const reader = journal.attach(JOB);
    const done = collect(reader);
    chunk(bus, 0);
    chunk(bus, 1);
    chunk(bus, 0);
    chunk(bus, 1);
    chunk(bus, 2);
    bus.publish({ type: 'done', jobId: JOB, status: 'COMPLETE' });
    assert.deepEqual(await done, [0, 1, 2]);
    journal.close();
  });

  it('counts listeners and forgets a job once it is done', async () => {
    const { bus, journal } = startedJournal();
    const first = journal.attach(JOB);
    const second = journal.attach(JOB);
    assert.equal(journal.readers(JOB), 2);
    first.close();
    assert.equal(journal.readers(JOB), 1);
    assert.equal(first.closedByListener, true);
    chunk(bus, 0);
    bus.publish({ type: 'done', jobId: JOB, status: 'FAILED' });
    assert.deepEqual(await collect(second), [0]);
    assert.equal(second.finalStatus, 'FAILED');
    assert.equal(journal.readers(JOB), 0);
    const late = journal.attach(JOB);
    late.close();
    assert.deepEqual(await collect(late), [], 'the finished job left no chunks behind');
  });
});

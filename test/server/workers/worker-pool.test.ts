/** The worker pool on the real tiny engine: a worker thread synthesizes and writes the file itself. */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_GENERATION_PARAMS } from '../../../server/shared/generation.ts';
import { createLogger } from '../../../server/shared/logger.ts';
import type { SynthesisTask } from '../../../server/workers/messages.ts';
import { WorkerPool } from '../../../server/workers/worker-pool.ts';
import { prepareSpeech } from '../../../server/text/index.ts';
import { tinyModel } from '../engine/tiny-model.fixture.ts';
import { parseWav } from '../http/audio-fixtures.ts';
import { expectedTinySamples } from '../http/tiny-expectations.ts';

describe('WorkerPool', () => {
  let dir: string;
  let pool: WorkerPool;
  const task = (name: string, text: string): SynthesisTask => ({
    jobId: name,
    script: prepareSpeech(text, 'en'),
    language: 'en',
    voice: { id: 'default', conditioningPath: join(dir, 'default.cond') },
    params: { ...DEFAULT_GENERATION_PARAMS, seed: 5 },
    format: 'wav',
    outputPath: join(dir, `${name}.wav`),
  });

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatterbox-pool-'));
    const model = await tinyModel('tiny-slow');
    pool = new WorkerPool({
      devices: ['cpu'],
      init: { modelDir: model.dir, variant: model.variant, intraOpThreads: 1, voiceCacheSize: 4, nice: 0 },
      logger: createLogger('silent'),
    });
    const ready = new Promise<void>((resolve) => pool.onChange(() => pool.ready && resolve()));
    pool.start();
    await ready;
  });
  after(async () => {
    await pool.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('synthesizes in the worker, reports each chunk and writes the WAV itself', async () => {
    const text = 'One sentence. Two sentences.';
    const chunks: Array<[number, number]> = [];
    const outcome = await pool.run(task('a', text), { onChunk: (chunk) => chunks.push([chunk.index, chunk.total]) });
    const expected = await expectedTinySamples(text);
    assert.deepEqual(chunks, [[0, 2], [1, 2]]);
    const bytes = await readFile(join(dir, 'a.wav'));
    assert.equal(outcome.bytes, bytes.length);
    assert.equal(parseWav(bytes).samples, expected.samples);
    assert.equal(outcome.durationSeconds, expected.samples / 24_000);
    // Speech of each chunk sits inside the file, in order, the last one ending where the file does.
    assert.deepEqual(outcome.spoken.map((chunk) => chunk.text), ['One sentence.', 'Two sentences.']);
    assert.ok(outcome.spoken[0]!.startSample === 0 && outcome.spoken[0]!.endSample < outcome.spoken[1]!.startSample);
    assert.equal(outcome.spoken[1]!.endSample, expected.samples);
    assert.match(outcome.digest, /^[0-9a-f]{32}$/);
  });

  it('stops a task on abort, writes nothing, and serves the next task', async () => {
    const controller = new AbortController();
    const running = pool.run(task('b', 'A long first sentence here. And a second one. And a third.'), {
      signal: controller.signal,
      onChunk: () => controller.abort(),
    });
    await assert.rejects(running, (error: Error & { code?: string }) => error.name === 'AbortError' || error.code === 'cancelled');
    assert.ok(!(await readdir(dir)).includes('b.wav'));
    await pool.run(task('c', 'Next.'));
    assert.ok((await readdir(dir)).includes('c.wav'));
  });

  it('queues tasks beyond the number of workers and runs them one after another', async () => {
    const order: string[] = [];
    await Promise.all(['d', 'e', 'f'].map((name) => pool.run(task(name, 'Hi.')).then(() => order.push(name))));
    assert.deepEqual(order, ['d', 'e', 'f']);
    assert.deepEqual(pool.status().map((worker) => [worker.state, worker.jobsDone]), [['ready', 5]]);
  });

  it('reports a worker whose engine cannot load, without hanging callers', async () => {
    const broken = new WorkerPool({
      devices: ['cpu'],
      init: { modelDir: join(dir, 'no-model-here'), intraOpThreads: 1, voiceCacheSize: 1, nice: 0 },
      logger: createLogger('silent'),
    });
    const failed = new Promise<void>((resolve) => broken.onChange(() => broken.fatalError !== null && resolve()));
    broken.start();
    await failed;
    assert.equal(broken.ready, false);
    assert.match(broken.fatalError!.message, /no-model-here|model|missing/i);
    await assert.rejects(broken.run(task('g', 'Hi.')));
    await broken.close();
  });
});

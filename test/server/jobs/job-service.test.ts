/** The job service on a real SQLite store, without workers: submit rules that need no synthesis. */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { LocalEventBus } from '../../../server/jobs/events/local-event-bus.ts';
import { LexiconService } from '../../../server/jobs/lexicon-service.ts';
import { KeyvLexiconStore } from '../../../server/storage/lexicon-store.ts';
import { JobService, type SubmitRequest } from '../../../server/jobs/job-service.ts';
import { convertAudio } from '../../../server/audio/conversion/convert-audio.ts';
import { KeyedMutex } from '../../../server/jobs/keyed-mutex.ts';
import { LocalJobQueue } from '../../../server/jobs/queue/local-job-queue.ts';
import { VoiceService } from '../../../server/jobs/voice-service.ts';
import { dataDirLayout, ensureDataDir } from '../../../server/storage/data-dir.ts';
import { createSqliteKeyvFactory } from '../../../server/storage/keyv-factory.ts';
import { KeyvJobStore } from '../../../server/storage/keyv-job-store.ts';
import { KeyvVoiceStore } from '../../../server/storage/voice-store.ts';
import { systemClock } from '../../../server/shared/clock.ts';
import { DEFAULT_GENERATION_PARAMS } from '../../../server/shared/generation.ts';
import { createLogger } from '../../../server/shared/logger.ts';
import { createMetrics } from '../../../server/shared/metrics.ts';

const request: SubmitRequest = {
  text: 'Hello.',
  language: 'en',
  voice: 'default',
  params: { ...DEFAULT_GENERATION_PARAMS, seed: null },
  format: 'wav',
  callbackUrl: null,
};

/** A job service of its own on a fresh SQLite store, so no test sees another's jobs. */
async function openJobService(t: TestContext, options: { modelError?: string } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'chatterbox-service-'));
  const layout = dataDirLayout(dir);
  await ensureDataDir(layout);
  const factory = await createSqliteKeyvFactory(layout.database);
  t.after(async () => {
    await factory.close();
    await rm(dir, { recursive: true, force: true });
  });
  const store = new KeyvJobStore(factory);
  await store.open();
  const queue = new LocalJobQueue();
  const logger = createLogger('silent');
  const voices = new VoiceService({ store: new KeyvVoiceStore(factory), layout, clock: systemClock, limits: { voiceMinSeconds: 1, voiceMaxSeconds: 30 }, modelKey: 'tiny', logger });
  const jobs = new JobService({
    store, queue, voices, bus: new LocalEventBus(), lock: new KeyedMutex(), clock: systemClock, metrics: createMetrics(), audioDir: layout.audio, convert: convertAudio,
    limits: { maxQueuedJobs: 5, retentionMs: null, idempotencyTtlMs: 60_000 },
    modelError: () => options.modelError ?? null,
    lexicons: new LexiconService(new KeyvLexiconStore(factory)),
    speechOptions: {},
  });
  return { jobs, queue };
}

describe('JobService without workers', () => {
  it('creates one job for concurrent submits with the same Idempotency-Key', async (t) => {
    const { jobs, queue } = await openJobService(t);
    const results = await Promise.all(Array.from({ length: 5 }, () => jobs.submit(request, 'same-key')));
    assert.equal(new Set(results.map((result) => result.record.id)).size, 1);
    assert.equal(results.filter((result) => !result.replayed).length, 1);
    assert.equal(await queue.depth(), 1);
  });

  it('draws and records a seed when none is given', async (t) => {
    const { jobs } = await openJobService(t);
    const { record } = await jobs.submit(request);
    assert.ok(Number.isInteger(record.params.seed));
    assert.equal((await jobs.get(record.id)).params.seed, record.params.seed);
  });

  it('refuses new work with 503 once the queue holds its limit', async (t) => {
    const { jobs, queue } = await openJobService(t);
    for (let queued = 0; queued < 5; queued += 1) await jobs.submit(request);
    assert.equal(await queue.depth(), 5);
    await assert.rejects(jobs.submit(request), { code: 'queue_full', status: 503 });
  });

  it('refuses work with 503 when the model failed to load', async (t) => {
    const { jobs } = await openJobService(t, { modelError: 'files missing' });
    await assert.rejects(jobs.submit(request), { code: 'model_not_ready', status: 503 });
  });
});

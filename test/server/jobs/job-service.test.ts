/** The job service on a real SQLite store, without workers: submit rules that need no synthesis. */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LocalEventBus } from '../../../server/jobs/events/local-event-bus.ts';
import { LexiconService } from '../../../server/jobs/lexicon-service.ts';
import { KeyvLexiconStore } from '../../../server/storage/lexicon-store.ts';
import { JobService, type SubmitRequest } from '../../../server/jobs/job-service.ts';
import { convertAudio } from '../../../server/audio/conversion/convert-audio.ts';
import { KeyedMutex } from '../../../server/jobs/keyed-mutex.ts';
import { LocalJobQueue } from '../../../server/jobs/queue/local-job-queue.ts';
import { VoiceService } from '../../../server/jobs/voice-service.ts';
import { dataDirLayout, ensureDataDir } from '../../../server/storage/data-dir.ts';
import { createSqliteKeyvFactory, type KeyvFactory } from '../../../server/storage/keyv-factory.ts';
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

describe('JobService without workers', () => {
  let dir: string;
  let factory: KeyvFactory;
  let queue: LocalJobQueue;
  let jobs: JobService;
  let modelError: string | null = null;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatterbox-service-'));
    const layout = dataDirLayout(dir);
    await ensureDataDir(layout);
    factory = await createSqliteKeyvFactory(layout.database);
    const store = new KeyvJobStore(factory);
    await store.open();
    queue = new LocalJobQueue();
    const logger = createLogger('silent');
    const voices = new VoiceService({ store: new KeyvVoiceStore(factory), layout, clock: systemClock, limits: { voiceMinSeconds: 1, voiceMaxSeconds: 30 }, modelKey: 'tiny', logger });
    jobs = new JobService({
      store, queue, voices, bus: new LocalEventBus(), lock: new KeyedMutex(), clock: systemClock, metrics: createMetrics(), audioDir: layout.audio, convert: convertAudio,
      limits: { maxQueuedJobs: 5, retentionMs: null, idempotencyTtlMs: 60_000 },
      modelError: () => modelError,
      lexicons: new LexiconService(new KeyvLexiconStore(factory)),
      speechOptions: {},
    });
  });
  after(async () => {
    await factory.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates one job for concurrent submits with the same Idempotency-Key', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => jobs.submit(request, 'same-key')));
    assert.equal(new Set(results.map((result) => result.record.id)).size, 1);
    assert.equal(results.filter((result) => !result.replayed).length, 1);
    assert.equal(await queue.depth(), 1);
  });

  it('draws and records a seed when none is given', async () => {
    const { record } = await jobs.submit(request);
    assert.ok(Number.isInteger(record.params.seed));
    assert.equal((await jobs.get(record.id)).params.seed, record.params.seed);
  });

  it('refuses new work with 503 once the queue holds its limit', async () => {
    while ((await queue.depth()) < 5) await jobs.submit(request);
    await assert.rejects(jobs.submit(request), { code: 'queue_full', status: 503 });
  });

  it('refuses work with 503 when the model failed to load', async () => {
    modelError = 'files missing';
    await assert.rejects(jobs.submit(request), { code: 'model_not_ready', status: 503 });
    modelError = null;
  });
});

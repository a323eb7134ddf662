/**
 * Issue 15 item 1, with the fault injected at the keyv boundary so it runs everywhere: SQLite's
 * own page limit (PRAGMA max_page_count) makes every write fail with SQLITE_FULL, exactly as a
 * full disk does. A submit then fails loudly (507 at the HTTP layer) and leaves no job behind,
 * and a job whose run hit a full disk goes back to the queue instead of ending FAILED.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type KeyvSqlite from '@keyv/sqlite';
import type Keyv from 'keyv';
import { convertAudio } from '../../../server/audio/conversion/convert-audio.ts';
import { toAppError } from '../../../server/http/middleware/error-handler.ts';
import { LocalEventBus } from '../../../server/jobs/events/local-event-bus.ts';
import { JobRunner, type SynthesisExecutor } from '../../../server/jobs/job-runner.ts';
import { LexiconService } from '../../../server/jobs/lexicon-service.ts';
import { KeyvLexiconStore } from '../../../server/storage/lexicon-store.ts';
import { JobService, type SubmitRequest } from '../../../server/jobs/job-service.ts';
import { KeyedMutex } from '../../../server/jobs/keyed-mutex.ts';
import { LocalJobQueue } from '../../../server/jobs/queue/local-job-queue.ts';
import { ServiceHealth } from '../../../server/jobs/service-health.ts';
import { VoiceService } from '../../../server/jobs/voice-service.ts';
import { systemClock } from '../../../server/shared/clock.ts';
import { toPlainError, fromPlainError } from '../../../server/shared/errors/plain-error.ts';
import { DEFAULT_GENERATION_PARAMS } from '../../../server/shared/generation.ts';
import { createLogger } from '../../../server/shared/logger.ts';
import { createMetrics } from '../../../server/shared/metrics.ts';
import { dataDirLayout, ensureDataDir } from '../../../server/storage/data-dir.ts';
import { createSqliteKeyvFactory, type KeyvFactory } from '../../../server/storage/keyv-factory.ts';
import { KeyvJobStore } from '../../../server/storage/keyv-job-store.ts';
import { KeyvVoiceStore } from '../../../server/storage/voice-store.ts';

const request: SubmitRequest = {
  text: 'Hello.',
  language: 'en',
  voice: 'default',
  params: { ...DEFAULT_GENERATION_PARAMS, seed: 1 },
  format: 'wav',
  callbackUrl: null,
};

/** Keeps each namespace's Keyv so the test can reach its SQLite connection. */
function recordingFactory(inner: KeyvFactory): KeyvFactory & { keyvs: Map<string, Keyv<unknown>> } {
  const keyvs = new Map<string, Keyv<unknown>>();
  return {
    keyvs,
    namespace<T>(name: string): Keyv<T> {
      const keyv = inner.namespace<T>(name);
      keyvs.set(name, keyv as Keyv<unknown>);
      return keyv;
    },
    close: () => inner.close(),
  };
}

/** Caps every namespace's database at its current size (0 lifts the cap): further growth fails with SQLITE_FULL. */
async function setDiskFull(factory: { keyvs: Map<string, Keyv<unknown>> }, full: boolean): Promise<void> {
  for (const keyv of factory.keyvs.values()) {
    const sqlite = keyv.store as KeyvSqlite;
    if (!full) {
      await sqlite.query('PRAGMA max_page_count = 1073741823');
      continue;
    }
    const [{ page_count: pages }] = (await sqlite.query('PRAGMA page_count')) as [{ page_count: number }];
    await sqlite.query(`PRAGMA max_page_count = ${pages}`);
  }
}

describe('a full disk under the job store (fault injected at the keyv boundary)', () => {
  let dir: string;
  let factory: ReturnType<typeof recordingFactory>;
  let store: KeyvJobStore;
  let queue: LocalJobQueue;
  let jobs: JobService;
  let voices: VoiceService;
  const bus = new LocalEventBus();
  const lock = new KeyedMutex();
  const logger = createLogger('silent');
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatterbox-disk-full-'));
    const layout = dataDirLayout(dir);
    await ensureDataDir(layout);
    factory = recordingFactory(await createSqliteKeyvFactory(layout.database));
    store = new KeyvJobStore(factory);
    await store.open();
    queue = new LocalJobQueue();
    voices = new VoiceService({ store: new KeyvVoiceStore(factory), layout, clock: systemClock, limits: { voiceMinSeconds: 1, voiceMaxSeconds: 30 }, modelKey: 'tiny', logger });
    jobs = new JobService({
      store, queue, voices, bus, lock, clock: systemClock, metrics: createMetrics(), audioDir: layout.audio, convert: convertAudio,
      limits: { maxQueuedJobs: 1000, retentionMs: null, idempotencyTtlMs: 60_000 },
      modelError: () => null,
      lexicons: new LexiconService(new KeyvLexiconStore(factory)),
      speechOptions: {},
    });
  });
  after(async () => {
    await setDiskFull(factory, false);
    await factory.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a submit it could not store with 507 insufficient_storage, and no job exists', async () => {
    const before = await store.count();
    await setDiskFull(factory, true);
    // Large texts: each submit needs new pages.
    const big = { ...request, text: 'Words that need room. '.repeat(2000) };
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => jobs.submit(big)));
    await setDiskFull(factory, false);
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    assert.ok(refused.length > 0, 'a full database must refuse writes');
    for (const outcome of refused) {
      const error = toAppError(outcome.reason);
      assert.equal(error.status, 507);
      assert.equal(error.code, 'insufficient_storage');
    }
    // Every acknowledged job is stored; every refused one left nothing.
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') assert.equal((await store.get(outcome.value.record.id))?.status, 'QUEUED');
    }
    assert.equal(await store.count(), before + outcomes.length - refused.length);
  });

  it('fails a status update loudly instead of dropping it', async () => {
    const { record } = await jobs.submit(request);
    await setDiskFull(factory, true);
    const huge = { ...record, error: { code: 'x', message: 'y'.repeat(200_000) } };
    await assert.rejects(store.update(huge), (error: unknown) => toAppError(error).status === 507);
    await setDiskFull(factory, false);
    assert.equal((await store.get(record.id))?.error, null);
    await queue.remove(record.id);
  });

  it('keeps the disk-full code when the failure crosses a thread boundary', () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    assert.equal(fromPlainError(toPlainError(enospc)).code, 'insufficient_storage');
  });

  it('puts a job whose run hit a full disk back in the queue, within the attempt limit', async () => {
    let runs = 0;
    const executor: SynthesisExecutor = {
      async run() {
        runs += 1;
        // What a worker thread reports when it could not write the audio file.
        if (runs === 1) throw fromPlainError(toPlainError(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })));
        return { bytes: 44, durationSeconds: 0, sampleRate: 24_000, chunks: 1, speechTokens: 1, digest: 'abc', computeSeconds: 0, spoken: [] };
      },
    };
    const runQueue = new LocalJobQueue();
    const runnerJobs = new JobService({
      store, queue: runQueue, voices, bus, lock, clock: systemClock, metrics: createMetrics(), audioDir: join(dir, 'audio'), convert: convertAudio,
      limits: { maxQueuedJobs: 1000, retentionMs: null, idempotencyTtlMs: 60_000 },
      modelError: () => null,
      lexicons: new LexiconService(new KeyvLexiconStore(factory)),
      speechOptions: {},
    });
    const runner = new JobRunner({ store, queue: runQueue, bus, voices, executor, lock, clock: systemClock, metrics: createMetrics(), logger, audioDir: join(dir, 'audio'), maxAttempts: 3 });
    const { record } = await runnerJobs.submit(request);
    const done = new Promise<string>((resolve) => bus.subscribe(record.id, (event) => event.type === 'done' && resolve(event.status)));
    runner.start(1);
    assert.equal(await done, 'COMPLETE');
    const finished = await store.get(record.id);
    assert.equal(finished?.attempts, 2);
    assert.equal(runs, 2);
    await runner.stop(0);
  });

  it('reports degraded health, naming the disk, when free space is under the threshold', async () => {
    const engines = { ready: true, modelError: null, firstError: null, status: () => [] };
    const health = (freeBytes: number) =>
      new ServiceHealth({ modelName: 'tiny', queue, engines, clock: systemClock, disk: { freeBytes: async () => freeBytes, minFreeBytes: 512 * 1024 * 1024 } }).report();
    const low = await health(100 * 1024 * 1024);
    assert.equal(low.status, 'degraded');
    assert.match(low.disk.error ?? '', /100 MB free, below CHATTERBOX_MIN_FREE_DISK_MB \(512\)/);
    const fine = await health(600 * 1024 * 1024);
    assert.equal(fine.status, 'ok');
    assert.equal(fine.disk.error, null);
  });
});

/**
 * Issue 15 item 2: a submit with an Idempotency-Key, killed between any two of its store writes,
 * then retried by the client after a restart, yields exactly one job. The "kill" is a store that
 * refuses every write after the Nth, as a dead process writes nothing more; the "restart" is a
 * fresh store and service over the same database. Runs on SQLite, and on Redis and PostgreSQL
 * when CHATTERBOX_TEST_REDIS_URL / CHATTERBOX_TEST_POSTGRES_URL name them.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import KeyvPostgres from '@keyv/postgres';
import type Keyv from 'keyv';
import { convertAudio } from '../../../server/audio/conversion/convert-audio.ts';
import { LocalEventBus } from '../../../server/jobs/events/local-event-bus.ts';
import { LexiconService } from '../../../server/jobs/lexicon-service.ts';
import { KeyvLexiconStore } from '../../../server/storage/lexicon-store.ts';
import { JobService, type SubmitRequest } from '../../../server/jobs/job-service.ts';
import { KeyedMutex } from '../../../server/jobs/keyed-mutex.ts';
import { LocalJobQueue } from '../../../server/jobs/queue/local-job-queue.ts';
import { VoiceService } from '../../../server/jobs/voice-service.ts';
import { systemClock } from '../../../server/shared/clock.ts';
import { DEFAULT_GENERATION_PARAMS } from '../../../server/shared/generation.ts';
import { createLogger } from '../../../server/shared/logger.ts';
import { createMetrics } from '../../../server/shared/metrics.ts';
import { dataDirLayout, ensureDataDir } from '../../../server/storage/data-dir.ts';
import { createSqliteKeyvFactory, type KeyvFactory } from '../../../server/storage/keyv-factory.ts';
import { KeyvJobStore } from '../../../server/storage/keyv-job-store.ts';
import { createPostgresKeyvFactory, createRedisKeyvFactory } from '../../../server/storage/shared-keyv-factory.ts';
import { KeyvVoiceStore } from '../../../server/storage/voice-store.ts';
import { POSTGRES_URL, REDIS_URL, postgresSkip, redisSkip, removeKeys, testRedis } from '../scale/scale-test-env.ts';

/** Keys per run; each dies after 0, 1, 2, 3 or 4 writes in turn (4: the submit completed). */
const KEYS = 100;
const DEATH_POINTS = 5;
const logger = createLogger('silent');
const request: SubmitRequest = { text: 'Hello.', language: 'en', voice: 'default', params: { ...DEFAULT_GENERATION_PARAMS, seed: 7 }, format: 'wav', callbackUrl: null };

/** The same database, seen by a process that dies after `writes` store writes. */
function dyingAfter(inner: KeyvFactory, writes: number): KeyvFactory {
  let left = writes;
  return {
    namespace<T>(name: string): Keyv<T> {
      const keyv = inner.namespace<T>(name);
      const set = keyv.set.bind(keyv);
      keyv.set = (async (...args: Parameters<typeof set>) => {
        if (left <= 0) throw new Error('the process was killed');
        left -= 1;
        return set(...args);
      }) as typeof keyv.set;
      return keyv;
    },
    close: async () => undefined,
  };
}

/** One process's job service over `factory`: its own queue, lock and index, as after a restart. */
async function processOn(factory: KeyvFactory, dir: string): Promise<{ jobs: JobService; store: KeyvJobStore }> {
  const store = new KeyvJobStore(factory);
  await store.open();
  const layout = dataDirLayout(dir);
  const voices = new VoiceService({ store: new KeyvVoiceStore(factory), layout, clock: systemClock, limits: { voiceMinSeconds: 1, voiceMaxSeconds: 30 }, modelKey: 'tiny', logger });
  const jobs = new JobService({
    store, queue: new LocalJobQueue(), voices, bus: new LocalEventBus(), lock: new KeyedMutex(), clock: systemClock, metrics: createMetrics(), audioDir: layout.audio, convert: convertAudio,
    limits: { maxQueuedJobs: 100_000, retentionMs: null, idempotencyTtlMs: 3_600_000 },
    modelError: () => null,
    lexicons: new LexiconService(new KeyvLexiconStore(factory)),
    speechOptions: {},
  });
  return { jobs, store };
}

const runId = `rel-test-idem-${process.pid}`;
const backends: { name: string; skip: string | false; open: () => Promise<KeyvFactory>; cleanup: () => Promise<void> }[] = [
  { name: 'SQLite', skip: false, open: async () => createSqliteKeyvFactory(join(await tmpDir(), 'jobs.sqlite')), cleanup: async () => undefined },
  {
    name: 'Redis',
    skip: redisSkip(),
    open: () => createRedisKeyvFactory(REDIS_URL!, runId),
    cleanup: async () => {
      const redis = await testRedis();
      await removeKeys(redis, runId);
      redis.disconnect();
    },
  },
  {
    name: 'PostgreSQL',
    skip: postgresSkip(),
    open: () => createPostgresKeyvFactory(POSTGRES_URL!, runId.replaceAll('-', '_')),
    cleanup: async () => {
      const adapter = new KeyvPostgres({ uri: POSTGRES_URL!, table: runId.replaceAll('-', '_') });
      await adapter.query(`DROP TABLE IF EXISTS ${runId.replaceAll('-', '_')}`);
      await adapter.disconnect();
    },
  },
];

const dirs: string[] = [];
async function tmpDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'chatterbox-idem-crash-'));
  await ensureDataDir(dataDirLayout(dir));
  dirs.push(dir);
  return dir;
}
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

for (const backend of backends) {
  describe(`a submit killed between its writes, then retried (${backend.name})`, { skip: backend.skip }, () => {
    it('yields exactly one job per Idempotency-Key', async (t) => {
      const factory = await backend.open();
      const dir = await tmpDir();
      try {
        let killed = 0;
        for (let index = 0; index < KEYS; index += 1) {
          const key = `${runId}-key-${index}`;
          const dying = await processOn(dyingAfter(factory, index % DEATH_POINTS), dir);
          await dying.jobs.submit(request, key).catch(() => (killed += 1));
          const restarted = await processOn(factory, dir);
          const retry = await restarted.jobs.submit(request, key);
          assert.equal(retry.record.idempotencyKey, key);
        }
        const records = await (await processOn(factory, dir)).store.open();
        const perKey = new Map<string, number>();
        for (const record of records) if (record.idempotencyKey !== null) perKey.set(record.idempotencyKey, (perKey.get(record.idempotencyKey) ?? 0) + 1);
        const duplicates = [...perKey.values()].reduce((sum, count) => sum + count - 1, 0);
        t.diagnostic(`keys=${KEYS} killed_submits=${killed} jobs=${records.length} duplicates=${duplicates}`);
        assert.equal(perKey.size, KEYS, 'every key has its job');
        assert.equal(duplicates, 0);
      } finally {
        await factory.close();
        await backend.cleanup();
      }
    });
  });
}

/**
 * The scale-out deployment (docs/scale-out.md) for real: separate API and worker processes (server/main.ts
 * with CHATTERBOX_ROLE) sharing Redis (queue, events, locks), PostgreSQL (job records)
 * and one data dir, running the tiny model. Jobs are counted from the event channel, the
 * store and the audio folder, so a lost or doubled job shows.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import KeyvPostgres from '@keyv/postgres';
import type { Redis } from 'ioredis';
import { decodeEvent } from '../../../server/jobs/events/event-codec.ts';
import { closeRedis } from '../../../server/jobs/cluster/redis-connection.ts';
import { Deployment, http, type ServiceProcess } from './cluster-harness.ts';
import { POSTGRES_URL, REDIS_URL, postgresSkip, redisSkip, removeKeys, testRedis, uniqueName, waitFor } from './scale-test-env.ts';

interface JobView {
  chatterbox_id: string;
  status: string;
  progress: { chunks_done: number; chunks_total: number } | null;
  audio: { bytes: number } | null;
}

/** About 4 s of synthesis on the tiny model (16 chunks): long enough to stop a worker in the middle. */
const LONG_TEXT = 'This sentence keeps the worker busy for a while. '.repeat(16);

describe('one API and two worker processes over Redis and PostgreSQL', { skip: redisSkip() || postgresSkip(), timeout: 240_000 }, () => {
  const prefix = uniqueName('cluster');
  const table = uniqueName('jobs');
  let deployment: Deployment;
  let api: ServiceProcess;
  const workers: ServiceProcess[] = [];
  let redis: Redis;
  let subscriber: Redis;
  /** Status events per job, in arrival order, straight from the deployment's channel. */
  const statuses = new Map<string, string[]>();

  /** Callback bodies received per job id. */
  const callbacks = new Map<string, Array<{ status: string }>>();
  let receiver: Server;
  let callbackUrl: string;

  const count = (jobId: string, status: string): number => (statuses.get(jobId) ?? []).filter((seen) => seen === status).length;

  async function submit(text: string, callback = false): Promise<string> {
    const request = callback ? { text, callback_url: callbackUrl } : { text };
    const { status, body } = await http<JobView>(api.url, '/tts/synthesize', { body: request });
    assert.equal(status, 202, JSON.stringify(body));
    return body.chatterbox_id;
  }

  async function waitForFinal(jobIds: string[], timeoutMs: number): Promise<void> {
    await waitFor(() => jobIds.every((jobId) => count(jobId, 'COMPLETE') + count(jobId, 'FAILED') > 0), `${jobIds.length} jobs to finish`, timeoutMs);
  }

  async function job(jobId: string): Promise<JobView> {
    const { status, body } = await http<JobView>(api.url, `/tts/status/${jobId}`);
    assert.equal(status, 200);
    return body;
  }

  async function audioFiles(jobId: string): Promise<string[]> {
    return (await readdir(join(deployment.dataDir, 'audio'))).filter((name) => name.includes(jobId));
  }

  /** The worker process whose engine runs `jobId` now, as its heartbeat reports it (within one beat). */
  async function workerRunning(jobId: string): Promise<ServiceProcess> {
    let found: ServiceProcess | undefined;
    await waitFor(async () => {
      const members = Object.values(await redis.hgetall(`${prefix}:members`)).map((text) => JSON.parse(text) as { pid: number; workers: Array<{ currentJobId: string | null }> });
      const pid = members.find((member) => member.workers.some((worker) => worker.currentJobId === jobId))?.pid;
      found = workers.find((worker) => worker.pid === pid && worker.running);
      return found !== undefined;
    }, `the heartbeat of the worker running ${jobId}`, 5000);
    return found!;
  }

  async function healthyWorkers(): Promise<number> {
    const { body } = await http<{ workers: Array<{ state: string }> }>(api.url, '/health');
    return body.workers.filter((worker) => worker.state === 'ready' || worker.state === 'busy').length;
  }

  async function startWorker(): Promise<void> {
    workers.push(await deployment.start('worker'));
  }

  before(async () => {
    receiver = createServer((request, response) => {
      let text = '';
      request.on('data', (part: Buffer) => (text += part.toString()));
      request.on('end', () => {
        const body = JSON.parse(text) as { chatterbox_id: string; status: string };
        callbacks.set(body.chatterbox_id, [...(callbacks.get(body.chatterbox_id) ?? []), body]);
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    redis = await testRedis('cluster-test');
    subscriber = await testRedis('cluster-test-events');
    subscriber.on('message', (_channel: string, message: string) => {
      const event = decodeEvent(message);
      if (event?.type === 'status') statuses.set(event.jobId, [...(statuses.get(event.jobId) ?? []), event.status]);
    });
    await subscriber.subscribe(`${prefix}:events`);
    deployment = await Deployment.create({
      redisUrl: REDIS_URL!,
      prefix,
      storeUrl: POSTGRES_URL!,
      env: {
        CHATTERBOX_STORE_TABLE: table,
        // A killed worker's job moves on after 2-4 s instead of 30-60 s.
        CHATTERBOX_STALLED_SECONDS: '2',
        CHATTERBOX_HEARTBEAT_SECONDS: '0.5',
        CHATTERBOX_SHUTDOWN_GRACE_SECONDS: '1',
      },
    });
    [api] = await Promise.all([deployment.start('api'), startWorker(), startWorker()]);
    await waitFor(async () => (await healthyWorkers()) === 2, 'the API to see both workers ready', 20_000);
  });

  after(async () => {
    await deployment?.destroy();
    receiver?.close();
    await subscriber?.quit().catch(() => undefined);
    if (redis !== undefined) {
      await removeKeys(redis, prefix);
      await closeRedis(redis);
    }
    if (POSTGRES_URL !== undefined && postgresSkip() === false) {
      const adapter = new KeyvPostgres({ uri: POSTGRES_URL, table });
      await adapter.query(`DROP TABLE IF EXISTS ${table}`);
      await adapter.disconnect();
    }
  });

  it('completes 100 jobs across both workers, none lost and none run twice', async () => {
    const jobIds: string[] = [];
    for (let batch = 0; batch < 5; batch += 1) {
      jobIds.push(...(await Promise.all(Array.from({ length: 20 }, (_, index) => submit(`Job number ${batch * 20 + index}.`)))));
    }
    await waitForFinal(jobIds, 90_000);
    for (const jobId of jobIds) {
      // QUEUED (from the API) and PROCESSING (from a worker) may cross on the way; counts are what matter.
      assert.deepEqual([...(statuses.get(jobId) ?? [])].sort(), ['COMPLETE', 'PROCESSING', 'QUEUED'], jobId);
      assert.deepEqual(await audioFiles(jobId), [`${jobId}.wav`]);
    }
    const listed = await http<{ jobs: JobView[] }>(api.url, '/tts/jobs?status=COMPLETE&limit=100');
    assert.deepEqual(new Set(listed.body.jobs.map((view) => view.chatterbox_id)), new Set(jobIds));
    const { body } = await http<{ workers: Array<{ jobs_done: number }> }>(api.url, '/health');
    assert.ok(body.workers.every((worker) => worker.jobs_done > 0), `both workers took jobs: ${JSON.stringify(body.workers)}`);
  });

  it('serves status, events and metrics from the API process for a job a worker process runs', async () => {
    const jobId = await submit('Two sentences here. And a second one.');
    const response = await fetch(`${api.url}/tts/events/${jobId}`);
    const text = await response.text(); // the stream ends after `done`
    const names = [...text.matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    assert.equal(names.at(-1), 'done');
    assert.ok(names.includes('progress'), names.join(','));
    assert.match(text, /"status":"COMPLETE"/);
    assert.equal((await job(jobId)).status, 'COMPLETE');
    const audio = await fetch(`${api.url}/tts/audio/${jobId}`);
    assert.equal(audio.status, 200);
    assert.ok((await audio.arrayBuffer()).byteLength > 44);
    await waitFor(async () => {
      const metrics = (await http<string>(api.url, '/metrics')).body;
      const finished = /chatterbox_jobs_finished_total\{status="COMPLETE"\} (\d+)/.exec(metrics);
      return finished !== null && Number(finished[1]) >= 101;
    }, 'the API metrics to count the jobs the workers finished', 5000);
  });

  it('loses nothing when the API process is killed right after accepting jobs', async () => {
    const jobIds = await Promise.all(Array.from({ length: 20 }, (_, index) => submit(`Restart test ${index}.`)));
    await api.kill('SIGKILL');
    api = await deployment.start('api');
    await waitForFinal(jobIds, 60_000);
    for (const jobId of jobIds) {
      assert.equal((await job(jobId)).status, 'COMPLETE');
      assert.equal(count(jobId, 'COMPLETE'), 1, jobId);
    }
  });

  it('stops the synthesis on the worker when the API deletes a running job', async () => {
    const jobId = await submit(LONG_TEXT);
    await waitFor(async () => ((await job(jobId)).progress?.chunks_done ?? 0) >= 1, 'the long job to be under way', 20_000);
    const busy = await workerRunning(jobId);
    const { status } = await http(api.url, `/tts/jobs/${jobId}`, { method: 'DELETE' });
    assert.equal(status, 200);
    await waitFor(async () => {
      const member = Object.values(await redis.hgetall(`${prefix}:members`)).map((text) => JSON.parse(text) as { pid: number; workers: Array<{ currentJobId: string | null }> }).find((seen) => seen.pid === busy.pid);
      return member !== undefined && member.workers.every((worker) => worker.currentJobId !== jobId);
    }, 'the worker to drop the deleted job', 5000);
    assert.equal((await http(api.url, `/tts/status/${jobId}`)).status, 410);
    assert.equal(count(jobId, 'COMPLETE'), 0);
    assert.deepEqual(await audioFiles(jobId), []);
  });

  it('hands the running job back when a worker is stopped with SIGTERM, and it completes once', async () => {
    const jobId = await submit(LONG_TEXT);
    await waitFor(async () => ((await job(jobId)).progress?.chunks_done ?? 0) >= 1, 'the long job to be under way', 20_000);
    const busy = await workerRunning(jobId);
    assert.equal(await busy.kill('SIGTERM'), 0, busy.tail());
    await waitForFinal([jobId], 60_000);
    assert.equal((await job(jobId)).status, 'COMPLETE');
    assert.equal(count(jobId, 'COMPLETE'), 1);
    assert.equal(count(jobId, 'PROCESSING'), 2, 'handed back and started again');
    assert.deepEqual(await audioFiles(jobId), [`${jobId}.wav`]);
    await startWorker();
  });

  it('completes a job exactly once, with one callback, after kill -9 of the worker running it', async () => {
    await waitFor(async () => (await healthyWorkers()) === 2, 'two workers again', 20_000);
    const jobId = await submit(LONG_TEXT, true);
    await waitFor(async () => ((await job(jobId)).progress?.chunks_done ?? 0) >= 1, 'the long job to be under way', 20_000);
    const busy = await workerRunning(jobId);
    await busy.kill('SIGKILL');
    await waitForFinal([jobId], 60_000);
    const view = await job(jobId);
    assert.equal(view.status, 'COMPLETE');
    assert.ok(view.audio !== null && view.audio.bytes > 44);
    assert.equal(count(jobId, 'COMPLETE'), 1);
    assert.equal(count(jobId, 'PROCESSING'), 2, 'started again on the other worker');
    assert.deepEqual(await audioFiles(jobId), [`${jobId}.wav`]);
    await waitFor(() => callbacks.has(jobId), 'the callback', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 500)); // room for a second one, which must not come
    assert.deepEqual(callbacks.get(jobId)?.map((body) => body.status), ['COMPLETE']);
  });
});

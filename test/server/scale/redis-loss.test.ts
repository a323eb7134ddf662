/**
 * Scale-out when Redis goes away: the suite starts a Redis of its own on a free port, an API
 * process on it, then kills Redis with SIGKILL. Health, readiness, metrics and submits must
 * answer at once (503 naming Redis) instead of waiting for a connection that is not coming;
 * when a fresh, empty Redis comes back, the queued jobs are queued again and the job index
 * rebuilt from the store before health says the queue is usable.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, createConnection } from 'node:net';
import { after, before, describe, it } from 'node:test';
import KeyvPostgres from '@keyv/postgres';
import { postgresSkip, redisServerSkip } from '../../support/requirements.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';
import { waitFor } from '../../support/wait-for.ts';
import { POSTGRES_URL, uniqueName } from './scale-test-env.ts';

/** Far below the 45 s+ a request used to hang for while Redis was down. */
const ANSWER_WITHIN_MS = 10_000;

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => resolve(true)).once('error', () => resolve(false));
    socket.once('close', () => socket.destroy());
    socket.setTimeout(500, () => socket.destroy());
    socket.once('connect', () => socket.end());
  });
}

/** An empty Redis without persistence, so a restart loses everything like a fresh instance. */
async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await waitFor(() => accepts(port), `redis-server on port ${port}`);
  return redis;
}

async function killRedis(redis: ChildProcess): Promise<void> {
  const exited = once(redis, 'exit');
  redis.kill('SIGKILL');
  await exited;
}

interface Health {
  status: string;
  ready: boolean;
  queue: { depth: number; error: string | null };
}

describe('an API process whose Redis is killed and comes back empty', { skip: redisServerSkip() || postgresSkip() }, () => {
  // The records live in PostgreSQL, as in a deployment: what Redis loses, the store still has.
  const table = uniqueName('redisloss');
  let port: number;
  let redis: ChildProcess;
  let ts: TestServer;
  const ids: string[] = [];

  before(async () => {
    port = await freePort();
    redis = await startRedis(port);
    // Role api runs no engines: the submitted jobs stay QUEUED, as behind busy workers.
    ts = await startTestServer({
      CHATTERBOX_QUEUE: 'redis', CHATTERBOX_ROLE: 'api', CHATTERBOX_REDIS_URL: `redis://127.0.0.1:${port}`, CHATTERBOX_REDIS_PREFIX: table,
      CHATTERBOX_STORE_URL: POSTGRES_URL!,
      CHATTERBOX_STORE_TABLE: table,
    });
  });

  after(async () => {
    await ts?.close();
    if (redis.exitCode === null) await killRedis(redis);
    const adapter = new KeyvPostgres({ uri: POSTGRES_URL!, table });
    await adapter.query(`DROP TABLE IF EXISTS ${table}`);
    await adapter.disconnect();
  });

  const request = (path: string, init: RequestInit = {}): Promise<Response> => ts.request(path, { ...init, signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
  const health = async (): Promise<Health> => (await (await request('/health')).json()) as Health;

  it('accepts jobs while Redis is up', async () => {
    for (const text of ['One.', 'Two.', 'Three.']) {
      const response = await ts.post('/tts/synthesize', { text });
      assert.equal(response.status, 202, await response.clone().text());
      ids.push(((await response.json()) as { chatterbox_id: string }).chatterbox_id);
    }
    assert.deepEqual((await health()).queue, { depth: 3, error: null });
  });

  it('answers health, readiness, metrics and submits with 503 naming Redis once it is killed', async () => {
    const killedAt = performance.now();
    await killRedis(redis);
    let ready: Response;
    do ready = await request('/health/ready');
    while (ready.status !== 503 || !JSON.stringify(await ready.clone().json()).includes('Redis'));
    // The figure for the issue note: how long readiness took to say so.
    console.log(JSON.stringify({ metric: 'ready_503_after_redis_kill_s', value: Number(((performance.now() - killedAt) / 1000).toFixed(3)) }));
    const body = (await ready.json()) as { ready: boolean; error: string };
    assert.equal(body.ready, false);
    assert.match(body.error, /Redis is unreachable/);

    const report = await health();
    assert.equal(report.status, 'degraded');
    assert.match(report.queue.error ?? '', /Redis is unreachable/);
    assert.equal((await request('/metrics')).status, 200);

    const submit = await request('/tts/synthesize', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Four.' }) });
    assert.equal(submit.status, 503);
    const refusal = (await submit.json()) as { error: { code: string; message: string }; chatterbox_id?: string };
    assert.equal(refusal.error.code, 'queue_unavailable');
    assert.match(refusal.error.message, /Redis/);
    assert.equal(refusal.chatterbox_id, undefined);
  });

  it('queues the QUEUED jobs again and rebuilds the job index when an empty Redis comes back', async () => {
    redis = await startRedis(port);
    await waitFor(async () => (await health()).queue.error === null, 'health to stop reporting Redis', 30_000);
    assert.deepEqual((await health()).queue, { depth: 3, error: null });
    const listing = (await (await request('/tts/jobs')).json()) as { jobs: { chatterbox_id: string }[] };
    assert.deepEqual(listing.jobs.map((job) => job.chatterbox_id).sort(), [...ids].sort());
    const again = await ts.post('/tts/synthesize', { text: 'Five.' });
    assert.equal(again.status, 202, await again.clone().text());
  });
});

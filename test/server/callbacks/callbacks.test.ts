/**
 * callback_url against a real receiver on loopback: the final status arrives as a plain JSON
 * POST (what an n8n Wait node resume URL takes), signed with HMAC-SHA256 when a secret is set,
 * retried with backoff on 5xx, given up after the configured attempts, and every outcome is
 * recorded in the job's status.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { useTestServer, startTestServer, waitForStatus, type TestServer } from '../../support/test-server.ts';

const SECRET = 'test-callback-secret-0123456789';
const MAX_ATTEMPTS = 3;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** Answers each POST with the next status of `script` (the last one repeats). */
class Receiver {
  readonly requests: Received[] = [];
  script: number[] = [200];
  private readonly server: Server;

  constructor() {
    this.server = createServer((request, response) => {
      const parts: Buffer[] = [];
      request.on('data', (part: Buffer) => parts.push(part));
      request.on('end', () => {
        this.requests.push({ headers: request.headers, body: Buffer.concat(parts).toString('utf8'), at: performance.now() });
        const status = this.script[Math.min(this.requests.length - 1, this.script.length - 1)]!;
        response.writeHead(status, { 'content-type': 'application/json' }).end('{"message":"Workflow was started"}');
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function submit(ts: TestServer, body: Record<string, unknown>): Promise<string> {
  const response = await ts.post('/tts/synthesize', body);
  assert.equal(response.status, 202, await response.clone().text());
  return ((await response.json()) as { chatterbox_id: string }).chatterbox_id;
}

/** Polls the job until its callback left "pending". */
async function callbackOutcome(ts: TestServer, id: string, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await (await ts.request(`/tts/status/${id}`)).json()) as { callback: Record<string, unknown> | null };
    if (status.callback !== null && status.callback.state !== 'pending') return status.callback;
    if (Date.now() > deadline) throw new Error(`callback of ${id} still pending: ${JSON.stringify(status.callback)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('job callbacks', () => {
  let ts: TestServer;
  let receiver: Receiver;
  let hookUrl: string;

  before(async () => {
    receiver = new Receiver();
    hookUrl = `${await receiver.listen()}/webhook-waiting/1234`;
    ts = await startTestServer({
      CHATTERBOX_CALLBACK_SECRET: SECRET,
      CHATTERBOX_CALLBACK_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      CHATTERBOX_CALLBACK_RETRY_BASE_SECONDS: '0.05',
    });
  });
  beforeEach(() => {
    receiver.requests.length = 0;
  });
  after(async () => {
    await ts.close();
    await receiver.close();
  });

  it('POSTs the final status as JSON with a signature that verifies against the exact body', async () => {
    receiver.script = [200];
    const id = await submit(ts, { text: 'Call me back.', callback_url: hookUrl });
    const outcome = await callbackOutcome(ts, id);
    assert.deepEqual([outcome.state, outcome.attempts, outcome.last_status_code, outcome.last_error], ['delivered', 1, 200, null]);
    assert.ok(!Number.isNaN(Date.parse(outcome.delivered_at as string)));
    assert.equal(receiver.requests.length, 1);
    const [request] = receiver.requests;
    assert.equal(request!.headers['content-type'], 'application/json');
    const expected = `sha256=${createHmac('sha256', SECRET).update(request!.body).digest('hex')}`;
    assert.equal(request!.headers['x-chatterbox-signature'], expected);
    assert.equal(request!.headers['x-chatterbox-event'], 'job.finished');
    const body = JSON.parse(request!.body) as Record<string, unknown>;
    assert.equal(body.chatterbox_id, id);
    assert.equal(body.status, 'COMPLETE');
    assert.equal(body.audio_url, `/tts/audio/${id}`);
    assert.ok((body.audio as { bytes: number }).bytes > 0);
  });

  it('retries on HTTP 500 with growing delays and records the delivery', async () => {
    receiver.script = [500, 500, 200];
    const id = await submit(ts, { text: 'Retry me.', callback_url: hookUrl });
    const outcome = await callbackOutcome(ts, id);
    assert.equal(outcome.state, 'delivered');
    assert.equal(outcome.attempts, 3);
    assert.equal(receiver.requests.length, 3);
    const [first, second, third] = receiver.requests;
    assert.deepEqual(receiver.requests.map((request) => request.headers['x-chatterbox-attempt']), ['1', '2', '3']);
    assert.equal(new Set(receiver.requests.map((request) => request.headers['x-chatterbox-delivery'])).size, 1, 'one delivery id across retries');
    assert.equal(new Set(receiver.requests.map((request) => request.body)).size, 1, 'retries send the same body');
    // Base 50 ms with equal jitter: the 1st wait is 25..50 ms, the 2nd 50..100 ms.
    assert.ok(second!.at - first!.at >= 25, `first retry after ${second!.at - first!.at} ms`);
    assert.ok(third!.at - second!.at >= 50, `second retry after ${third!.at - second!.at} ms`);
  });

  it('gives up after the configured attempts and records the failure in the job', async () => {
    receiver.script = [500];
    const id = await submit(ts, { text: 'Nobody answers.', callback_url: hookUrl });
    const outcome = await callbackOutcome(ts, id);
    assert.equal(outcome.state, 'failed');
    assert.equal(outcome.attempts, MAX_ATTEMPTS);
    assert.equal(outcome.last_status_code, 500);
    assert.match(outcome.last_error as string, /HTTP 500/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(receiver.requests.length, MAX_ATTEMPTS, 'no attempt after giving up');
    assert.equal((await waitForStatus(ts, id)).status, 'COMPLETE', 'the job itself is unaffected');
  });

  it('does not retry a 4xx answer (a resume URL that no longer exists)', async () => {
    receiver.script = [404];
    const id = await submit(ts, { text: 'Too late.', callback_url: hookUrl });
    const outcome = await callbackOutcome(ts, id);
    assert.deepEqual([outcome.state, outcome.attempts, outcome.last_status_code], ['failed', 1, 404]);
  });

  it('retries a 409 (an n8n execution not parked at its Wait node yet) and then delivers', async () => {
    receiver.script = [409, 200];
    const id = await submit(ts, { text: 'Early bird.', callback_url: hookUrl });
    const outcome = await callbackOutcome(ts, id);
    assert.deepEqual([outcome.state, outcome.attempts, outcome.last_status_code], ['delivered', 2, 200]);
  });

  it('also reports cancelled jobs, and sends Basic credentials written in the URL', async () => {
    receiver.script = [200];
    const withCredentials = hookUrl.replace('http://', 'http://n8n:s%40cret@');
    const blocker = await submit(ts, { text: 'A long one. With two sentences.' });
    const id = await submit(ts, { text: 'Never runs.', callback_url: withCredentials });
    const cancel = await ts.request(`/tts/jobs/${id}/cancel`, { method: 'POST' });
    assert.equal(cancel.status, 200);
    assert.equal((await callbackOutcome(ts, id)).state, 'delivered');
    const [request] = receiver.requests;
    assert.equal(JSON.parse(request!.body).status, 'CANCELLED');
    assert.equal(request!.headers.authorization, `Basic ${Buffer.from('n8n:s@cret').toString('base64')}`);
    await waitForStatus(ts, blocker);
  });

  it('shows no callback for jobs without callback_url', async () => {
    const id = await submit(ts, { text: 'Quiet.' });
    assert.equal((await waitForStatus(ts, id)).callback, null);
  });
});

describe('callback target restrictions', () => {
  let ts: TestServer;
  useTestServer((server) => (ts = server), { CHATTERBOX_CALLBACK_ALLOWED_HOSTS: 'hooks.example.com,localhost:9' });

  it('refuses a callback_url whose host is not allowed, at submit time', async () => {
    const response = await ts.post('/tts/synthesize', { text: 'Hi.', callback_url: 'http://127.0.0.1:5678/webhook-waiting/1' });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: Record<string, string> };
    assert.deepEqual([body.error.code, body.error.field], ['callback_url_not_allowed', 'callback_url']);
    // Allowed (a closed loopback port: the delivery fails harmlessly and is retried until shutdown).
    const allowed = await ts.post('/tts/synthesize', { text: 'Hi.', callback_url: 'http://localhost:9/webhook-waiting/1' });
    assert.equal(allowed.status, 202);
  });
});

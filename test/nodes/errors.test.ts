/**
 * How the node fails: every failure is an n8n error naming the problem in the service's
 * words, on the item that caused it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { sineWav } from './helpers/audio-fixtures.ts';
import { createExecuteContext, runNode } from './helpers/execute-context.ts';
import { LONG_TEXT, credentialsOf, freePort, useFastAndSlowServices, type RunningService } from './helpers/service.ts';

const GENERATE = { resource: 'speech', operation: 'generate' };
const FAST_POLL = { pollInterval: 0.1, timeout: 60 };
const services = useFastAndSlowServices();

function api(target: RunningService, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${target.baseUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${target.apiKey}`, ...(init.headers ?? {}) },
  });
}

async function reject(promise: Promise<unknown>): Promise<NodeApiError | NodeOperationError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof NodeApiError || error instanceof NodeOperationError, String(error));
    return error;
  }
  assert.fail('expected the node to fail');
}

describe('node errors', () => {
  test('a service that is down gives an API error naming its address', async () => {
    const baseUrl = `http://127.0.0.1:${await freePort()}`;
    const test = createExecuteContext({
      parameters: { ...GENERATE, text: 'Anyone there?' },
      credentials: { baseUrl, apiKey: services.fast.apiKey },
    });
    const error = await reject(runNode(test));
    assert.ok(error instanceof NodeApiError);
    assert.equal(error.message, 'The service refused the connection - perhaps it is offline');
    assert.ok(error.description?.includes(baseUrl), error.description ?? '');
    assert.equal(error.context.itemIndex, 0);
  });

  test('a wrong API key gives a 401 API error with the service message', async () => {
    const test = createExecuteContext({
      parameters: { ...GENERATE, text: 'Let me in.' },
      credentials: { baseUrl: services.fast.baseUrl, apiKey: 'not-the-right-key-at-all' },
    });
    const error = await reject(runNode(test));
    assert.ok(error instanceof NodeApiError);
    assert.equal(error.httpCode, '401');
    assert.equal(error.message, 'The Chatterbox service rejected the API key');
    assert.match(error.description ?? '', /credentials.*HTTP 401, code "unauthorized"/);
  });

  test('invalid input gives a 400 API error with the service message and the field', async () => {
    const test = createExecuteContext({
      parameters: { ...GENERATE, text: 'Too hot.', options: { temperature: 9 } },
      credentials: credentialsOf(services.fast),
    });
    const error = await reject(runNode(test));
    assert.ok(error instanceof NodeApiError);
    assert.equal(error.httpCode, '400');
    assert.match(error.message, /temperature/i);
    assert.match(error.description ?? '', /field "temperature"/);
  });

  test('empty text fails before anything is sent', async () => {
    const test = createExecuteContext({
      parameters: { ...GENERATE, text: '   ' },
      credentials: credentialsOf(services.fast),
    });
    const error = await reject(runNode(test));
    assert.ok(error instanceof NodeOperationError);
    assert.equal(error.message, 'The text to speak is empty');
    assert.equal(test.requests.length, 0);
  });

  test('a job that ends FAILED fails the item with the job error', async () => {
    // One worker: a long job keeps it busy while our job waits with a voice we then delete;
    // cancelling the long job lets ours run.
    const blocker = await api(services.slow, '/tts/synthesize', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: LONG_TEXT }),
    });
    assert.equal(blocker.status, 202);
    const { chatterbox_id: blockerId } = (await blocker.json()) as { chatterbox_id: string };
    const voice = await uploadVoice(services.slow);
    const test = createExecuteContext({
      parameters: { ...GENERATE, text: 'My voice is gone.', voice: voice.id, options: FAST_POLL },
      credentials: credentialsOf(services.slow),
    });
    const running = reject(runNode(test));
    await waitUntil(() => test.requests.some((r) => r.url.includes('/tts/status/')));
    assert.equal((await api(services.slow, `/voices/${voice.id}`, { method: 'DELETE' })).status, 200);
    assert.equal(
      (await api(services.slow, `/tts/jobs/${blockerId}`, { method: 'DELETE' })).status,
      200,
    );

    const error = await running;
    assert.ok(error instanceof NodeOperationError);
    assert.match(error.message, /^Speech generation failed: /);
    assert.match(error.description ?? '', /ended FAILED with code "voice_not_found"/);
  });

  test('a job that outlives the timeout fails the item and is cancelled on the service', async () => {
    const test = createExecuteContext({
      parameters: { ...GENERATE, text: LONG_TEXT, options: { pollInterval: 0.1, timeout: 1 } },
      credentials: credentialsOf(services.slow),
    });
    const started = Date.now();
    const error = await reject(runNode(test));
    assert.ok(error instanceof NodeOperationError);
    assert.equal(error.message, 'The speech job did not finish within 1 s');
    assert.match(error.description ?? '', /The job was cancelled on the service/);
    assert.ok(Date.now() - started < 5_000);
    // Cancelled, not deleted: the job stays listed with its final state.
    const cancel = test.requests.find((r) => r.url.endsWith('/cancel'));
    assert.equal(cancel?.method, 'POST');
    assert.ok(!test.requests.some((r) => r.method === 'DELETE'));
    const submitted = test.requests.find((r) => r.url.includes('/tts/status/'))!;
    const status = await api(services.slow, new URL(submitted.url).pathname);
    assert.equal(status.status, 200);
    assert.equal(((await status.json()) as { status: string }).status, 'CANCELLED');
  });

  test('downloading a job that is not finished says to wait for it, keeping the service words', async () => {
    const test = createExecuteContext({
      parameters: { resource: 'job', operation: 'submit', text: LONG_TEXT },
      credentials: credentialsOf(services.slow),
    });
    const [submitted] = await runNode(test);
    const download = createExecuteContext({
      parameters: { resource: 'job', operation: 'download', jobId: submitted.json.chatterbox_id },
      credentials: credentialsOf(services.slow),
    });
    const error = await reject(runNode(download));
    assert.ok(error instanceof NodeApiError);
    assert.equal(error.httpCode, '409');
    assert.equal(error.message, 'The job is not finished yet, so it has no audio to download');
    assert.match(error.description ?? '', /"Wait Until Finished"/);
    assert.match(
      error.description ?? '',
      /HTTP 409, code "job_not_finished" to GET \/tts\/audio\//,
    );
    await api(services.slow, `/tts/jobs/${submitted.json.chatterbox_id}/cancel`, { method: 'POST' });
  });

  test('a wrong Job ID says where to map the ID from', async () => {
    const test = createExecuteContext({
      parameters: { resource: 'job', operation: 'getStatus', jobId: 'not-an-id' },
      credentials: credentialsOf(services.fast),
    });
    const error = await reject(runNode(test));
    assert.equal(error.message, 'The ID is not a valid job or voice ID');
    assert.match(error.description ?? '', /\{\{ \$json\.chatterbox_id \}\}.*code "invalid_id"/);
  });

  test('with Continue On Fail, a timeout becomes an error item carrying the message', async () => {
    const test = createExecuteContext({
      parameters: { ...GENERATE, text: LONG_TEXT, options: { pollInterval: 0.1, timeout: 1 } },
      credentials: credentialsOf(services.slow),
      continueOnFail: true,
    });
    const [item] = await runNode(test);
    assert.equal(item.json.error, 'The speech job did not finish within 1 s');
    assert.deepEqual(item.pairedItem, { item: 0 });
  });
});

async function uploadVoice(target: RunningService): Promise<{ id: string }> {
  const form = new FormData();
  form.append('name', 'temporary');
  form.append('file', new Blob([new Uint8Array(sineWav(2))], { type: 'audio/wav' }), 'voice.wav');
  const response = await api(target, '/voices', { method: 'POST', body: form });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()) as { id: string };
}

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

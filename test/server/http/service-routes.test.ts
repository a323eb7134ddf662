/** Languages, health, metrics, OpenAPI, CORS and API-key auth. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { useTestServer, waitForStatus, type TestServer } from '../../support/test-server.ts';

const KEY = 'test-key-0123456789abcdef';

describe('service routes', () => {
  let ts: TestServer;
  useTestServer((server) => (ts = server), { CHATTERBOX_CORS_ORIGINS: 'https://app.example' });

  it('lists the 23 languages with names', async () => {
    const body = (await (await ts.request('/languages')).json()) as { languages: Array<{ code: string; name: string }> };
    assert.equal(body.languages.length, 23);
    assert.ok(body.languages.some((language) => language.code === 'de' && language.name === 'German'));
  });

  it('notes that Hebrew is read without vowel points, and nothing for the other languages', async () => {
    const body = (await (await ts.request('/languages')).json()) as { languages: Array<{ code: string; note?: string }> };
    assert.match(body.languages.find((language) => language.code === 'he')!.note!, /without vowel points \(niqqud\)/);
    assert.deepEqual(body.languages.filter((language) => language.note !== undefined).map((language) => language.code), ['he']);
  });

  it('reports health: ready, model loaded, one idle worker, empty queue', async () => {
    const health = (await (await ts.request('/health')).json()) as Record<string, unknown>;
    assert.equal(health.status, 'ok');
    assert.equal(health.ready, true);
    assert.deepEqual(health.model, { name: 'tiny', loaded: true, error: null });
    assert.deepEqual(health.queue, { depth: 0, error: null });
    assert.equal((await ts.request('/health/live')).status, 200);
    assert.equal((await ts.request('/health/ready')).status, 200);
  });

  it('exposes Prometheus metrics with job counts, real-time factor, build info and standard process metrics', async () => {
    const response = await ts.post('/tts/synthesize', { text: 'Count me.' });
    await waitForStatus(ts, ((await response.json()) as { chatterbox_id: string }).chatterbox_id);
    const text = await (await ts.request('/metrics')).text();
    assert.match(text, /^chatterbox_jobs_submitted_total 1$/m);
    assert.match(text, /^chatterbox_jobs_finished_total\{status="COMPLETE"\} 1$/m);
    assert.match(text, /^chatterbox_job_real_time_factor_ratio_count 1$/m);
    assert.match(text, /^chatterbox_queue_depth 0$/m);
    const version = (JSON.parse(await readFile(new URL('../../../server/package.json', import.meta.url), 'utf8')) as { version: string }).version;
    assert.match(text, new RegExp(`^chatterbox_build_info\\{version="${version}",model="tiny",node="${process.version}"\\} 1$`, 'm'));
    // prom-client's default metrics under their usual names, as stock Node.js dashboards query them.
    assert.match(text, /^process_resident_memory_bytes \d+/m);
    assert.match(text, /^nodejs_heap_size_used_bytes \d+/m);
    assert.doesNotMatch(text, /^chatterbox_(process|nodejs)_/m);
  });

  it('serves an OpenAPI document generated from the request schemas', async () => {
    const doc = (await (await ts.request('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties: Record<string, { maximum?: number; default?: unknown }> }> };
    };
    assert.equal(doc.openapi, '3.1.0');
    for (const path of ['/tts/synthesize', '/tts/status/{id}', '/tts/audio/{id}', '/tts/jobs', '/voices', '/health']) {
      assert.ok(doc.paths[path], `${path} documented`);
    }
    const request = doc.components.schemas.SynthesizeRequest!.properties;
    assert.equal(request.temperature!.maximum, 5);
    assert.equal(request.temperature!.default, 0.8);
    assert.equal(request.text!.maximum ?? (request.text as { maxLength?: number }).maxLength, 20_000);
  });

  it('answers CORS preflights for a configured origin only', async () => {
    const allowed = await ts.request('/tts/synthesize', {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://app.example');
    const other = await ts.request('/tts/synthesize', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });
});

describe('API-key authentication', () => {
  let ts: TestServer;
  useTestServer((server) => (ts = server), { CHATTERBOX_API_KEYS: `${KEY},second-key-0123456789` });

  it('rejects requests without a key with 401 JSON and a WWW-Authenticate challenge', async () => {
    const response = await ts.request('/tts/jobs');
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="chatterbox"');
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'unauthorized');
  });

  it('rejects a wrong key and a key with a different case', async () => {
    for (const key of ['wrong-key-0123456789abcdef', KEY.toUpperCase()]) {
      assert.equal((await ts.request('/voices', { headers: { Authorization: `Bearer ${key}` } })).status, 401);
    }
  });

  it('accepts every configured key through the whole flow', async () => {
    for (const key of [KEY, 'second-key-0123456789']) {
      const headers = { Authorization: `Bearer ${key}` };
      const submit = await ts.post('/tts/synthesize', { text: 'Authorized.' }, headers);
      assert.equal(submit.status, 202);
      const id = ((await submit.json()) as { chatterbox_id: string }).chatterbox_id;
      assert.equal((await waitForStatus(ts, id, undefined, 30_000, headers)).status, 'COMPLETE');
      assert.equal((await ts.request(`/tts/audio/${id}`, { headers })).status, 200);
      assert.equal((await ts.request(`/tts/audio/${id}`)).status, 401);
    }
  });

  it('keeps health probes, the web page and the OpenAPI document public', async () => {
    for (const path of ['/health', '/health/live', '/health/ready', '/openapi.json', '/ui']) {
      assert.equal((await ts.request(path)).status, 200, path);
    }
  });

  it('tells a caller without a key only that the service is up and ready; details need a key', async () => {
    const anonymous = (await (await ts.request('/health')).json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(anonymous).sort(), ['live', 'ready', 'status']);
    const keyed = (await (await ts.request('/health', { headers: { Authorization: `Bearer ${KEY}` } })).json()) as Record<string, unknown>;
    assert.ok(Array.isArray(keyed.workers));
    assert.ok(keyed.queue !== undefined && keyed.model !== undefined);
  });
});

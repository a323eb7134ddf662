/**
 * What clients written for OpenAI or for other TTS servers send, out of the box (issue 12):
 * OpenAI voice names, provider-prefixed models, foreign fields (ignored and named, or a 400
 * in strict mode), OpenAI-shaped 401s, a plain voice list, and short retention of /v1 jobs.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import OpenAI, { APIError } from 'openai';
import { startTestServer, waitForStatus, type TestServer } from '../../support/test-server.ts';

const HOUR_MS = 3600 * 1000;
const OPENAI_VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'nova', 'onyx', 'sage', 'shimmer', 'verse', 'marin', 'cedar'];

type Params = OpenAI.Audio.SpeechCreateParams;

async function speak(client: OpenAI, params: Partial<Params> & Record<string, unknown>): Promise<{ id: string; ignored: string | null; bytes: number }> {
  const response = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hi there.', response_format: 'wav', ...params } as Params);
  const bytes = (await response.arrayBuffer()).byteLength;
  return { id: response.headers.get('x-chatterbox-id')!, ignored: response.headers.get('x-chatterbox-ignored'), bytes };
}

/** A job through the job API (POST /tts/synthesize), finished. */
async function submitJob(ts: TestServer, headers: Record<string, string> = {}): Promise<string> {
  const response = await ts.post('/tts/synthesize', { text: 'Kept for a month.' }, headers);
  assert.equal(response.status, 202);
  const id = ((await response.json()) as { chatterbox_id: string }).chatterbox_id;
  await waitForStatus(ts, id, undefined, undefined, headers);
  return id;
}

describe('OpenAI compatibility with the default configuration', () => {
  let ts: TestServer;
  let client: OpenAI;
  before(async () => {
    ts = await startTestServer();
    client = new OpenAI({ baseURL: `${ts.server.url}/v1`, apiKey: 'unused-on-loopback', maxRetries: 0 });
  });
  after(() => ts.close());

  it('speaks every OpenAI voice name with the default voice, unconfigured', async () => {
    for (const voice of ['alloy', 'cedar', 'Shimmer']) {
      const { id, bytes } = await speak(client, { voice });
      assert.ok(bytes > 44, voice);
      assert.equal((await waitForStatus(ts, id)).voice, 'default', voice);
    }
  });

  it('still refuses a name that is neither ours nor OpenAI\'s, listing the known ones', async () => {
    await assert.rejects(speak(client, { voice: 'galadriel' }), (error: unknown) => {
      assert.ok(error instanceof APIError);
      assert.deepEqual({ status: error.status, code: error.code, param: error.param }, { status: 400, code: 'unknown_voice', param: 'voice' });
      assert.match(error.message, /Available: default\b.*alloy, ash, ballad, coral, echo, fable, nova, onyx, sage, shimmer, verse, marin, cedar/);
      return true;
    });
  });

  it('accepts fields other servers\' clients send and names them in X-Chatterbox-Ignored', async () => {
    const extras = { lang_code: 'a', normalization_options: { normalize: true }, stream: true, return_download_link: false };
    const { id, ignored, bytes } = await speak(client, { ...extras, instructions: 'Cheerful.' });
    assert.ok(bytes > 44);
    assert.equal(ignored, 'instructions, lang_code, normalization_options, stream, return_download_link');
    assert.equal((await waitForStatus(ts, id)).status, 'COMPLETE');
    const plain = await speak(client, {});
    assert.equal(plain.ignored, null);
  });

  it('accepts provider-prefixed model names', async () => {
    for (const model of ['openai/tts-1', 'openai/gpt-4o-mini-tts']) assert.ok((await speak(client, { model })).bytes > 44, model);
    await assert.rejects(speak(client, { model: 'openai/whisper-1' }), (error: unknown) => error instanceof APIError && error.code === 'unknown_model');
  });

  it('lists voices as objects for Open WebUI, or as plain names with ?format=names', async () => {
    const objects = (await (await ts.request('/v1/audio/voices')).json()) as { voices: { id: string; aliases: string[] }[] };
    assert.deepEqual(objects.voices.find((voice) => voice.id === 'default')?.aliases, OPENAI_VOICES);
    const names = (await (await ts.request('/v1/audio/voices?format=names')).json()) as { voices: string[] };
    assert.deepEqual(names.voices, ['default', ...OPENAI_VOICES]);
    const bad = await ts.request('/v1/audio/voices?format=xml');
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { param: string } }).error.param, 'format');
  });

  it('removes finished /v1/audio/speech jobs after 24 hours, other jobs after the general retention', async () => {
    const speech = await speak(client, { voice: 'nova' });
    const job = await submitJob(ts);
    ts.clock.advance(23 * HOUR_MS);
    await ts.server.sweeper.sweep();
    assert.equal((await ts.request(`/tts/status/${speech.id}`)).status, 200);
    ts.clock.advance(2 * HOUR_MS);
    await ts.server.sweeper.sweep();
    const gone = await ts.request(`/tts/status/${speech.id}`);
    assert.equal(gone.status, 410);
    assert.equal(((await gone.json()) as { error: { code: string } }).error.code, 'job_expired');
    assert.equal((await ts.request(`/tts/status/${job}`)).status, 200);
    const files = await readdir(join(ts.dataDir, 'audio'));
    assert.ok(!files.some((file) => file.startsWith(speech.id)), files.join(', '));
    assert.ok(files.some((file) => file.startsWith(job)), files.join(', '));
  });
});

describe('OpenAI compatibility behind API keys, strict, with ephemeral speech jobs', () => {
  const KEY = 'a-sufficiently-long-api-key-1234';
  let ts: TestServer;
  let client: OpenAI;
  before(async () => {
    ts = await startTestServer({ CHATTERBOX_API_KEYS: KEY, CHATTERBOX_OPENAI_STRICT: 'true', CHATTERBOX_OPENAI_RETENTION_HOURS: '0' });
    client = new OpenAI({ baseURL: `${ts.server.url}/v1`, apiKey: KEY, maxRetries: 0 });
  });
  after(() => ts.close());

  it('answers a wrong key on /v1 as OpenAI does, and keeps the service shape elsewhere', async () => {
    const v1 = await ts.request('/v1/models', { headers: { Authorization: 'Bearer wrong-key-wrong-key-wrong' } });
    assert.equal(v1.status, 401);
    const body = (await v1.json()) as { error: Record<string, unknown> };
    assert.deepEqual(
      { type: body.error.type, code: body.error.code, param: body.error.param },
      { type: 'invalid_request_error', code: 'invalid_api_key', param: null },
    );
    assert.match(String(body.error.message), /API key/);
    const tts = (await (await ts.request('/tts/jobs')).json()) as { error: Record<string, unknown> };
    assert.deepEqual(Object.keys(tts.error).sort(), ['code', 'message']);
    assert.equal(tts.error.code, 'unauthorized');
  });

  it('refuses an unknown field with a 400 naming it in strict mode', async () => {
    await assert.rejects(speak(client, { lang_code: 'a' }), (error: unknown) => {
      assert.ok(error instanceof APIError);
      assert.deepEqual({ status: error.status, code: error.code, param: error.param }, { status: 400, code: 'unknown_field', param: 'lang_code' });
      return true;
    });
  });

  it('with retention 0, removes a speech job at the first sweep after it finished', async () => {
    const auth = { Authorization: `Bearer ${KEY}` };
    const speech = await speak(client, {});
    await waitForStatus(ts, speech.id, undefined, undefined, auth);
    const job = await submitJob(ts, auth);
    const swept = await ts.server.sweeper.sweep();
    assert.equal(swept.jobs, 1);
    assert.equal((await ts.request(`/tts/status/${speech.id}`, { headers: auth })).status, 410);
    assert.equal((await ts.request(`/tts/status/${job}`, { headers: auth })).status, 200);
  });
});

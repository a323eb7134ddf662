/**
 * Every kind of bad request gets the right 4xx and a JSON error naming the problem, and the
 * server keeps working afterwards. One table, one server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { toneWav, uploadForm } from './audio-fixtures.ts';
import { startTestServer, waitForStatus, type TestServer } from '../../support/test-server.ts';

const MAX_TEXT_CHARS = 100;
const MAX_BODY_BYTES = 2048;
const VOICE_MAX_BYTES = 1024 * 1024;
const UNKNOWN_ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

interface BadInputCase {
  name: string;
  send: (ts: TestServer) => Promise<Response>;
  status: number;
  code: string;
  field?: string;
}

const synth = (body: unknown) => (ts: TestServer) => ts.post('/tts/synthesize', body);
const raw = (body: string, contentType = 'application/json') => (ts: TestServer) =>
  ts.request('/tts/synthesize', { method: 'POST', headers: { 'content-type': contentType }, body });
const get = (path: string) => (ts: TestServer) => ts.request(path);
const uploadVoice = (form: FormData) => (ts: TestServer) => ts.request('/voices', { method: 'POST', body: form });

function truncatedWav(): Uint8Array {
  const wav = toneWav(2);
  return wav.subarray(0, Math.floor(wav.length / 2));
}

const CASES: BadInputCase[] = [
  { name: 'invalid JSON', send: raw('{"text": "Hi'), status: 400, code: 'invalid_json' },
  { name: 'a JSON array instead of an object', send: synth([1, 2]), status: 400, code: 'invalid_type' },
  { name: 'JSON null', send: raw('null'), status: 400, code: 'invalid_type' },
  { name: 'text of the wrong type', send: synth({ text: 42 }), status: 400, code: 'invalid_type', field: 'text' },
  { name: 'missing text', send: synth({ language: 'en' }), status: 400, code: 'missing_field', field: 'text' },
  { name: 'empty text', send: synth({ text: '' }), status: 400, code: 'text_length', field: 'text' },
  { name: 'whitespace-only text', send: synth({ text: ' \n\t ' }), status: 422, code: 'empty_text', field: 'text' },
  { name: 'text over the configured limit', send: synth({ text: 'a'.repeat(MAX_TEXT_CHARS + 1) }), status: 400, code: 'text_length', field: 'text' },
  { name: 'unknown language', send: synth({ text: 'Hi.', language: 'xx' }), status: 400, code: 'unsupported_language', field: 'language' },
  { name: 'temperature below range', send: synth({ text: 'Hi.', temperature: 0 }), status: 400, code: 'out_of_range', field: 'temperature' },
  { name: 'exaggeration above range', send: synth({ text: 'Hi.', exaggeration: 2.5 }), status: 400, code: 'out_of_range', field: 'exaggeration' },
  { name: 'top_p above range', send: synth({ text: 'Hi.', top_p: 1.5 }), status: 400, code: 'out_of_range', field: 'top_p' },
  { name: 'number sent as a string', send: synth({ text: 'Hi.', cfg_weight: '0.3' }), status: 400, code: 'invalid_type', field: 'cfg_weight' },
  { name: 'negative seed', send: synth({ text: 'Hi.', seed: -1 }), status: 400, code: 'out_of_range', field: 'seed' },
  { name: 'seed beyond 32 bits', send: synth({ text: 'Hi.', seed: 2 ** 32 }), status: 400, code: 'out_of_range', field: 'seed' },
  { name: 'fractional seed', send: synth({ text: 'Hi.', seed: 1.5 }), status: 400, code: 'invalid_type', field: 'seed' },
  { name: 'unknown output format', send: synth({ text: 'Hi.', format: 'ogg' }), status: 400, code: 'unsupported_format', field: 'format' },
  { name: 'unknown (misspelt) field', send: synth({ text: 'Hi.', temprature: 0.5 }), status: 400, code: 'unknown_field', field: 'temprature' },
  { name: 'path traversal as voice', send: synth({ text: 'Hi.', voice: '../../etc/passwd' }), status: 400, code: 'invalid_voice', field: 'voice' },
  { name: 'unknown voice id', send: synth({ text: 'Hi.', voice: UNKNOWN_ID }), status: 400, code: 'unknown_voice', field: 'voice' },
  { name: 'non-http callback URL', send: synth({ text: 'Hi.', callback_url: 'ftp://example.com/x' }), status: 400, code: 'invalid_format', field: 'callback_url' },
  { name: 'form-encoded body', send: raw('text=Hi', 'application/x-www-form-urlencoded'), status: 415, code: 'unsupported_media_type' },
  { name: 'body over the size limit', send: raw(JSON.stringify({ text: 'a'.repeat(MAX_BODY_BYTES * 2) })), status: 413, code: 'payload_too_large' },
  {
    name: 'malformed Idempotency-Key',
    send: (ts) => ts.post('/tts/synthesize', { text: 'Hi.' }, { 'Idempotency-Key': 'x'.repeat(300) }),
    status: 400,
    code: 'invalid_idempotency_key',
    field: 'Idempotency-Key',
  },
  { name: 'malformed job id', send: get('/tts/status/not-an-id'), status: 400, code: 'invalid_id', field: 'id' },
  { name: 'encoded path traversal as job id', send: get('/tts/status/..%2F..%2Fetc%2Fpasswd'), status: 400, code: 'invalid_id', field: 'id' },
  { name: 'traversal with dots only', send: get('/tts/audio/..%2E'), status: 400, code: 'invalid_id', field: 'id' },
  { name: 'unknown job id (status)', send: get(`/tts/status/${UNKNOWN_ID}`), status: 404, code: 'job_not_found' },
  { name: 'unknown job id (audio)', send: get(`/tts/audio/${UNKNOWN_ID}`), status: 404, code: 'job_not_found' },
  { name: 'unknown job id (events)', send: get(`/tts/events/${UNKNOWN_ID}`), status: 404, code: 'job_not_found' },
  { name: 'unknown conversion format', send: get(`/tts/audio/${UNKNOWN_ID}?format=ogg`), status: 400, code: 'unsupported_format', field: 'format' },
  { name: 'malformed id on delete', send: (ts) => ts.request('/tts/jobs/abc', { method: 'DELETE' }), status: 400, code: 'invalid_id', field: 'id' },
  { name: 'list limit of 0', send: get('/tts/jobs?limit=0'), status: 400, code: 'out_of_range', field: 'limit' },
  { name: 'list with an unknown status', send: get('/tts/jobs?status=DONE'), status: 400, code: 'invalid_status', field: 'status' },
  { name: 'list with a forged cursor', send: get('/tts/jobs?cursor=Zm9vOmJhcg'), status: 400, code: 'invalid_cursor', field: 'cursor' },
  { name: 'unknown route', send: get('/nope'), status: 404, code: 'not_found' },
  { name: 'wrong method', send: (ts) => ts.request('/tts/synthesize', { method: 'PUT' }), status: 405, code: 'method_not_allowed' },
  { name: 'traversal as voice id on delete', send: (ts) => ts.request('/voices/..%2Fjobs.sqlite', { method: 'DELETE' }), status: 400, code: 'invalid_id', field: 'id' },
  { name: 'unknown voice on delete', send: (ts) => ts.request(`/voices/${UNKNOWN_ID}`, { method: 'DELETE' }), status: 404, code: 'voice_not_found' },
  {
    name: 'voice upload as JSON',
    send: (ts) => ts.request('/voices', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    status: 415,
    code: 'unsupported_media_type',
  },
  { name: 'voice upload without a file', send: uploadVoice(withName()), status: 400, code: 'missing_file', field: 'file' },
  { name: 'voice upload in the wrong field', send: uploadVoice(uploadForm(toneWav(2), 'a.wav', undefined, 'clip')), status: 400, code: 'unexpected_file', field: 'clip' },
  { name: 'voice upload that is not audio', send: uploadVoice(uploadForm(new TextEncoder().encode('just some text, not audio '.repeat(50)), 'notes.txt')), status: 422, code: 'unsupported_audio', field: 'file' },
  { name: 'empty voice upload', send: uploadVoice(uploadForm(new Uint8Array(0))), status: 422, code: 'empty_file', field: 'file' },
  { name: 'truncated WAV upload', send: uploadVoice(uploadForm(truncatedWav())), status: 422, code: 'truncated_audio', field: 'file' },
  { name: 'clip over the duration limit', send: uploadVoice(uploadForm(toneWav(31, 8000))), status: 422, code: 'clip_too_long', field: 'file' },
  { name: 'clip under the duration limit', send: uploadVoice(uploadForm(toneWav(0.4))), status: 422, code: 'clip_too_short', field: 'file' },
  { name: 'silent clip', send: uploadVoice(uploadForm(toneWav(2, 16_000, 0))), status: 422, code: 'silent_clip', field: 'file' },
  { name: 'voice file over the size limit', send: uploadVoice(uploadForm(new Uint8Array(VOICE_MAX_BYTES + 1))), status: 413, code: 'file_too_large', field: 'file' },
  { name: 'voice name too long', send: uploadVoice(uploadForm(toneWav(2), 'a.wav', 'n'.repeat(101))), status: 400, code: 'name_length', field: 'name' },
  {
    name: 'multipart body cut off',
    send: (ts) =>
      ts.request('/voices', {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
        body: '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\nContent-Type: audio/wav\r\n\r\nRIFF',
      }),
    status: 400,
    code: 'invalid_multipart',
  },
];

function withName(): FormData {
  const form = new FormData();
  form.append('name', 'No file');
  return form;
}

describe('bad input', () => {
  let ts: TestServer;
  before(async () => {
    ts = await startTestServer({
      CHATTERBOX_MAX_TEXT_CHARS: String(MAX_TEXT_CHARS),
      CHATTERBOX_MAX_BODY_BYTES: String(MAX_BODY_BYTES),
      CHATTERBOX_VOICE_MAX_BYTES: String(VOICE_MAX_BYTES),
    });
  });
  after(() => ts.close());

  for (const testCase of CASES) {
    it(`answers ${testCase.status} ${testCase.code} for ${testCase.name}`, async () => {
      const response = await testCase.send(ts);
      const text = await response.text();
      assert.equal(response.status, testCase.status, text);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      const body = JSON.parse(text) as { error: { code: string; message: string; field?: string } };
      assert.equal(body.error.code, testCase.code, text);
      assert.ok(body.error.message.length > 10, 'the message says what is wrong');
      if (testCase.field !== undefined) assert.equal(body.error.field, testCase.field, text);
    });
  }

  it('stays healthy after all of that and still completes a job', async () => {
    assert.equal((await ts.request('/health/ready')).status, 200);
    const response = await ts.post('/tts/synthesize', { text: 'Still here.' });
    const id = ((await response.json()) as { chatterbox_id: string }).chatterbox_id;
    assert.equal((await waitForStatus(ts, id)).status, 'COMPLETE');
    const voices = (await (await ts.request('/voices')).json()) as { voices: unknown[] };
    assert.equal(voices.voices.length, 1, 'no rejected upload was stored');
  });
});

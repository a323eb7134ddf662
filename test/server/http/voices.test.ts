/** Reference voices over HTTP: upload, list, speak with, delete; on the real tiny engine. */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { toneWav, uploadForm } from './audio-fixtures.ts';
import { useTestServer, waitForStatus, type TestServer } from '../../support/test-server.ts';

interface VoiceBody {
  id: string;
  name: string;
  duration_seconds: number;
  created_at: string;
}

describe('voices over HTTP', () => {
  let ts: TestServer;
  useTestServer((server) => (ts = server), {});

  async function upload(bytes: Uint8Array, name?: string): Promise<Response> {
    return ts.request('/voices', { method: 'POST', body: uploadForm(bytes, 'anna.wav', name) });
  }

  it('lists the built-in default voice first', async () => {
    const body = (await (await ts.request('/voices')).json()) as { voices: Array<Record<string, unknown>> };
    assert.deepEqual(body.voices[0], { id: 'default', name: 'Default voice', builtin: true, duration_seconds: null, created_at: null });
  });

  it('stores an uploaded clip (16 kHz WAV) and reports its duration and name', async () => {
    const response = await upload(toneWav(2.5), 'Anna');
    assert.equal(response.status, 201, await response.clone().text());
    const voice = (await response.json()) as VoiceBody;
    assert.equal(voice.name, 'Anna');
    assert.ok(Math.abs(voice.duration_seconds - 2.5) < 1e-6);
    assert.equal(response.headers.get('location'), `/voices/${voice.id}`);
    const list = (await (await ts.request('/voices')).json()) as { voices: Array<{ id: string; builtin: boolean }> };
    assert.ok(list.voices.some((entry) => entry.id === voice.id && !entry.builtin));
  });

  it('names a voice after its file when no name is given', async () => {
    const voice = (await (await upload(toneWav(1.5))).json()) as VoiceBody;
    assert.equal(voice.name, 'anna');
  });

  it('speaks with an uploaded voice and caches its conditioning once', async () => {
    const voice = (await (await upload(toneWav(3), 'Clone')).json()) as VoiceBody;
    const ids: string[] = [];
    for (const text of ['With my voice.', 'Again.']) {
      const response = await ts.post('/tts/synthesize', { text, voice: voice.id });
      ids.push(((await response.json()) as { chatterbox_id: string }).chatterbox_id);
    }
    for (const id of ids) {
      const status = await waitForStatus(ts, id);
      assert.equal(status.status, 'COMPLETE', JSON.stringify(status.error));
      assert.equal(status.voice, voice.id);
    }
    const files = (await readdir(join(ts.dataDir, 'voices'))).filter((name) => name.startsWith(voice.id)).sort();
    assert.deepEqual(files, [`${voice.id}.tiny.cond`, `${voice.id}.wav`]);
  });

  it('deletes a voice with its files; jobs can no longer ask for it', async () => {
    const voice = (await (await upload(toneWav(2), 'Temp')).json()) as VoiceBody;
    const response = await ts.request(`/voices/${voice.id}`, { method: 'DELETE' });
    assert.deepEqual(await response.json(), { id: voice.id, deleted: true });
    assert.deepEqual((await readdir(join(ts.dataDir, 'voices'))).filter((name) => name.startsWith(voice.id)), []);
    const submit = await ts.post('/tts/synthesize', { text: 'Hi.', voice: voice.id });
    assert.equal(submit.status, 400);
    assert.deepEqual(await submit.json(), {
      error: { code: 'unknown_voice', message: `No voice with id "${voice.id}"; GET /voices lists them.`, field: 'voice' },
    });
    assert.equal((await ts.request(`/voices/${voice.id}`, { method: 'DELETE' })).status, 404);
  });

  it('refuses to delete the built-in default voice', async () => {
    const response = await ts.request('/voices/default', { method: 'DELETE' });
    assert.equal(response.status, 409);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'builtin_voice');
  });
});

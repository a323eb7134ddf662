/**
 * Issue 15 item 3: small uploads whose headers declare a decode bomb are refused with a 422
 * naming the problem, from the header, before anything is decoded; the process's memory
 * stays where it was and health checks keep answering meanwhile.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { flacBomb, wavBomb } from '../audio/bomb-fixtures.ts';
import { uploadForm } from './audio-fixtures.ts';
import { startTestServer, type TestServer } from '../../support/test-server.ts';

/** Far below what decoding either file costs (gigabytes), far above the noise of a request. */
const MAX_RSS_GROWTH_BYTES = 512 * 1024 * 1024;

describe('voice uploads that are decode bombs', () => {
  let ts: TestServer;
  before(async () => {
    ts = await startTestServer();
  });
  after(async () => {
    await ts.close();
  });

  async function upload(bytes: Uint8Array, name: string): Promise<{ status: number; error: { code: string; message: string; field?: string } }> {
    const response = await ts.request('/voices', { method: 'POST', body: uploadForm(bytes, name) });
    return { status: response.status, ...((await response.json()) as { error: { code: string; message: string } }) };
  }

  const cases = [
    { name: 'a 144 KB WAV declaring 65,535 channels', file: 'bomb.wav', make: wavBomb, code: 'too_many_channels', message: /65535 channels/ },
    { name: 'a 490 KB FLAC of one hour of constant signal', file: 'bomb.flac', make: flacBomb, code: 'clip_too_long', message: /declares 3[56]\d\d\.\d s of audio/ },
  ];
  for (const bomb of cases) {
    it(`refuses ${bomb.name} with 422 ${bomb.code}, memory unchanged, health answering`, async () => {
      const bytes = bomb.make();
      const rssBefore = process.memoryUsage.rss();
      const [answer, health] = await Promise.all([upload(bytes, bomb.file), ts.request('/health/live')]);
      assert.equal(answer.status, 422);
      assert.equal(answer.error.code, bomb.code);
      assert.equal(answer.error.field, 'file');
      assert.match(answer.error.message, bomb.message);
      assert.equal(health.status, 200);
      assert.ok(process.memoryUsage.rss() - rssBefore < MAX_RSS_GROWTH_BYTES, 'the bomb was not decoded');
    });
  }
});

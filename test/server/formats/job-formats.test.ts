/**
 * Formats per job and conversion on download (GET /tts/audio/:id?format=...), checked with an
 * independent decoder (Debian's ffmpeg) against the job's WAV: sample rate, channels, duration.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AUDIO_FORMAT_NAMES, type AudioFormat } from '../../../server/shared/audio-format.ts';
import { SAMPLE_RATE_HZ } from '../../../server/shared/audio-constants.ts';
import { decode, probe } from '../audio/encoders/ffmpeg-decoder.ts';
import { ffmpegSkip } from '../../support/requirements.ts';
import { parseWav } from '../http/audio-fixtures.ts';
import { startTestServer, waitForStatus, type TestServer } from '../../support/test-server.ts';

const TEXT = 'Formats are chosen per job. Any of them converts on download.';

const CONTENT_TYPES: Record<AudioFormat, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  opus: 'audio/ogg; codecs=opus',
  flac: 'audio/flac',
  aac: 'audio/aac',
  pcm: 'audio/pcm',
};
/** Rate ffmpeg decodes at (Opus always 48 kHz) and samples a container cannot trim (24 kHz). */
const DECODED_RATE: Record<AudioFormat, number> = { wav: 24_000, mp3: 24_000, opus: 48_000, flac: 24_000, aac: 24_000, pcm: 24_000 };
const PADDING: Record<AudioFormat, number> = { wav: 0, mp3: 2_400, opus: 0, flac: 0, aac: 2_400, pcm: 0 };

async function submit(ts: TestServer, body: Record<string, unknown>): Promise<string> {
  const response = await ts.post('/tts/synthesize', body);
  assert.equal(response.status, 202, await response.clone().text());
  const { chatterbox_id: id } = (await response.json()) as { chatterbox_id: string };
  assert.equal((await waitForStatus(ts, id)).status, 'COMPLETE');
  return id;
}

async function download(ts: TestServer, id: string, format?: AudioFormat): Promise<{ response: Response; bytes: Uint8Array }> {
  const response = await ts.request(`/tts/audio/${id}${format === undefined ? '' : `?format=${format}`}`);
  assert.equal(response.status, 200);
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe('job formats and conversion on download', { skip: ffmpegSkip() }, () => {
  let ts: TestServer;
  let wavId: string;
  let wavSamples: number;

  before(async () => {
    ts = await startTestServer();
    wavId = await submit(ts, { text: TEXT, format: 'wav', seed: 5 });
    wavSamples = parseWav((await download(ts, wavId)).bytes).samples;
  });
  after(() => ts.close());

  for (const format of AUDIO_FORMAT_NAMES) {
    it(`converts a WAV job to ${format}: right MIME type, 1 channel, rate and duration of the WAV`, async () => {
      const { response, bytes } = await download(ts, wavId, format);
      assert.equal(response.headers.get('content-type'), CONTENT_TYPES[format]);
      assert.equal(response.headers.get('content-disposition'), `attachment; filename="${wavId}.${format}"`);
      assert.equal(Number(response.headers.get('content-length')), bytes.length);
      const info = probe(bytes, format);
      assert.deepEqual([info.sampleRate, info.channels], [DECODED_RATE[format], 1]);
      const decoded = decode(bytes, format, SAMPLE_RATE_HZ);
      assert.ok(decoded.length >= wavSamples && decoded.length <= wavSamples + PADDING[format], `${format}: ${decoded.length} vs WAV ${wavSamples}`);
    });

    it(`produces a ${format} job directly, decodable to the WAV's duration`, async () => {
      const id = await submit(ts, { text: TEXT, format, seed: 5 });
      const { response, bytes } = await download(ts, id);
      assert.equal(response.headers.get('content-type'), CONTENT_TYPES[format]);
      const status = (await (await ts.request(`/tts/status/${id}`)).json()) as { audio: { format: string; bytes: number; duration_seconds: number } };
      assert.deepEqual([status.audio.format, status.audio.bytes], [format, bytes.length]);
      assert.equal(status.audio.duration_seconds, wavSamples / SAMPLE_RATE_HZ);
      const decoded = decode(bytes, format, SAMPLE_RATE_HZ);
      assert.ok(decoded.length >= wavSamples && decoded.length <= wavSamples + PADDING[format], `${format}: ${decoded.length} vs WAV ${wavSamples}`);
    });
  }

  it('converts a lossy job from its original samples, not from the decoded mp3', async () => {
    const id = await submit(ts, { text: TEXT, format: 'mp3', seed: 5 });
    const wav = parseWav((await download(ts, id, 'wav')).bytes);
    assert.equal(wav.samples, wavSamples, 'no mp3 priming or padding in the converted WAV');
  });

  it('converts once and serves the cached file afterwards', async () => {
    const first = await download(ts, wavId, 'flac');
    const files = await readdir(join(ts.dataDir, 'audio'));
    assert.ok(files.includes(`${wavId}.flac`));
    const second = await download(ts, wavId, 'flac');
    assert.deepEqual(second.bytes, first.bytes);
    assert.equal(second.response.headers.get('etag'), first.response.headers.get('etag'));
  });

  it('applies speed per job: speed 0.5 doubles the duration and is recorded', async () => {
    const id = await submit(ts, { text: TEXT, format: 'wav', seed: 5, speed: 0.5 });
    const status = (await (await ts.request(`/tts/status/${id}`)).json()) as { params: { speed: number } };
    assert.equal(status.params.speed, 0.5);
    const slow = parseWav((await download(ts, id)).bytes);
    assert.ok(Math.abs(slow.samples / wavSamples - 2) < 0.001, `${slow.samples} vs ${wavSamples}`);
  });
});

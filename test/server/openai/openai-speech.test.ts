/**
 * POST /v1/audio/speech, GET /v1/models and GET /v1/audio/voices driven by the official
 * `openai` npm client against the real service (tiny model). Audio is checked with an
 * independent decoder (Debian's ffmpeg) against what the tiny model scripts for the text.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI, { APIError } from 'openai';
import { createParser } from 'eventsource-parser';
import type { AudioFormat } from '../../../server/shared/audio-format.ts';
import { SAMPLE_RATE_HZ } from '../../../server/shared/audio-constants.ts';
import { decode, probe } from '../audio/encoders/ffmpeg-decoder.ts';
import { ffmpegSkip } from '../../support/requirements.ts';
import { toneWav, uploadForm } from '../http/audio-fixtures.ts';
import { useTestServer, startTestServer, waitForStatus, type TestServer } from '../../support/test-server.ts';
import { expectedTinySamples } from '../http/tiny-expectations.ts';

const TEXT = 'Hello there. This is the second sentence.';

interface Expectation {
  contentType: string;
  codec: string;
  /** ffmpeg decodes Opus at 48 kHz whatever the input rate. */
  decodedRate: number;
  /** Extra samples (24 kHz) the container cannot trim: MP3 without LAME tag, ADTS priming. */
  padding: number;
}

const FORMATS: Record<AudioFormat, Expectation> = {
  mp3: { contentType: 'audio/mpeg', codec: 'mp3', decodedRate: 24_000, padding: 2_400 },
  opus: { contentType: 'audio/ogg; codecs=opus', codec: 'opus', decodedRate: 48_000, padding: 0 },
  aac: { contentType: 'audio/aac', codec: 'aac', decodedRate: 24_000, padding: 2_400 },
  flac: { contentType: 'audio/flac', codec: 'flac', decodedRate: 24_000, padding: 0 },
  wav: { contentType: 'audio/wav', codec: 'pcm_s16le', decodedRate: 24_000, padding: 0 },
  pcm: { contentType: 'audio/pcm', codec: 'pcm_s16le', decodedRate: 24_000, padding: 0 },
};

async function bytesOf(response: Response): Promise<Uint8Array> {
  return new Uint8Array(await response.arrayBuffer());
}

/** The SSE body as events, audio deltas joined. */
async function readSpeechEvents(response: Response): Promise<{ types: string[]; audio: Uint8Array; done: Record<string, unknown> | undefined }> {
  const types: string[] = [];
  const parts: Buffer[] = [];
  let done: Record<string, unknown> | undefined;
  const parser = createParser({
    onEvent(event) {
      const data = JSON.parse(event.data) as Record<string, unknown>;
      types.push(data.type as string);
      if (data.type === 'speech.audio.delta') parts.push(Buffer.from(data.audio as string, 'base64'));
      if (data.type === 'speech.audio.done') done = data;
    },
  });
  parser.feed(await response.text());
  return { types, audio: new Uint8Array(Buffer.concat(parts)), done };
}

describe('OpenAI-compatible speech API', () => {
  let ts: TestServer;
  let client: OpenAI;
  let expectedSamples: number;

  before(async () => {
    ts = await startTestServer({ CHATTERBOX_OPENAI_VOICES: 'alloy=default, nova=Narrator' });
    client = new OpenAI({ baseURL: `${ts.server.url}/v1`, apiKey: 'unused-on-loopback', maxRetries: 0 });
    expectedSamples = (await expectedTinySamples(TEXT)).samples;
  });
  after(() => ts.close());

  for (const [format, expected] of Object.entries(FORMATS) as [AudioFormat, Expectation][]) {
    it(`returns decodable ${format} of the scripted length for response_format "${format}"`, { skip: ffmpegSkip() }, async () => {
      const response = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: TEXT, response_format: format });
      assert.equal(response.headers.get('content-type'), expected.contentType);
      assert.match(response.headers.get('x-chatterbox-id') ?? '', /^[0-9a-f-]{36}$/);
      const bytes = await bytesOf(response);
      const info = probe(bytes, format);
      assert.deepEqual({ codec: info.codec, rate: info.sampleRate, channels: info.channels }, { codec: expected.codec, rate: expected.decodedRate, channels: 1 });
      const decoded = decode(bytes, format, SAMPLE_RATE_HZ);
      assert.ok(decoded.length >= expectedSamples && decoded.length <= expectedSamples + expected.padding, `${format}: ${decoded.length} samples, scripted ${expectedSamples}`);
    });
  }

  it('sends SSE speech.audio.delta events with base64 audio, then speech.audio.done with usage', { skip: ffmpegSkip() }, async () => {
    const response = await client.audio.speech.create({ model: 'gpt-4o-mini-tts', voice: 'default', input: TEXT, response_format: 'mp3', stream_format: 'sse' });
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const { types, audio, done } = await readSpeechEvents(response);
    assert.ok(types.filter((type) => type === 'speech.audio.delta').length >= 2, `one delta per sentence at least: ${types.join(',')}`);
    assert.equal(types.at(-1), 'speech.audio.done');
    const usage = done!.usage as Record<string, number>;
    assert.equal(usage.input_tokens, TEXT.length);
    assert.ok(usage.output_tokens! > 0);
    assert.equal(usage.total_tokens, usage.input_tokens! + usage.output_tokens!);
    const decoded = decode(audio, 'mp3', SAMPLE_RATE_HZ);
    assert.ok(decoded.length >= expectedSamples && decoded.length <= expectedSamples + FORMATS.mp3.padding);
  });

  it('applies speed as a pitch-preserving time-stretch: speed 2 halves every sentence', async () => {
    const normal = await bytesOf(await client.audio.speech.create({ model: 'tts-1', voice: 'default', input: TEXT, response_format: 'pcm' }));
    const fast = await bytesOf(await client.audio.speech.create({ model: 'tts-1', voice: 'default', input: TEXT, response_format: 'pcm', speed: 2 }));
    const ratio = fast.length / normal.length;
    assert.ok(Math.abs(ratio - 0.5) < 0.001, `speed 2 gave ${ratio} of the length`);
  });

  it('records the job with the Chatterbox extras it was given and marks instructions as ignored', async () => {
    const response = await client.audio.speech.create({
      model: 'tts-1', voice: 'default', input: 'Ein Satz.', response_format: 'wav', instructions: 'Speak cheerfully.',
      language: 'de', exaggeration: 0.9, seed: 1234,
    } as OpenAI.Audio.SpeechCreateParams);
    assert.equal(response.headers.get('x-chatterbox-ignored'), 'instructions');
    await response.arrayBuffer();
    const status = await waitForStatus(ts, response.headers.get('x-chatterbox-id')!);
    assert.equal(status.status, 'COMPLETE');
    assert.equal(status.language, 'de');
    const params = status.params as Record<string, number | string>;
    assert.deepEqual({ exaggeration: params.exaggeration, seed: params.seed, format: params.format }, { exaggeration: 0.9, seed: 1234, format: 'wav' });
  });

  it('answers an unknown voice with a 400 naming the available ones, never a fallback', async () => {
    await assert.rejects(
      client.audio.speech.create({ model: 'tts-1', voice: 'galadriel', input: TEXT }),
      (error: unknown) => {
        assert.ok(error instanceof APIError);
        assert.equal(error.status, 400);
        assert.equal(error.code, 'unknown_voice');
        assert.equal(error.param, 'voice');
        assert.match(error.message, /No voice "galadriel"\. Available: default/);
        assert.match(error.message, /OpenAI voice name \(alloy, ash, ballad/);
        return true;
      },
    );
  });

  it('resolves voices by id, by name, by { id } and through a configured alias over the built-in one', async () => {
    const upload = await ts.request('/voices', { method: 'POST', body: uploadForm(toneWav(3), 'clip.wav', 'Narrator') });
    assert.equal(upload.status, 201);
    const { id } = (await upload.json()) as { id: string };
    for (const voice of [id, 'narrator', { id }, 'nova'] as const) {
      const response = await client.audio.speech.create({ model: 'tts-1', voice, input: 'Hi.', response_format: 'pcm' });
      await response.arrayBuffer();
      const status = await waitForStatus(ts, response.headers.get('x-chatterbox-id')!);
      assert.equal(status.voice, id, JSON.stringify(voice));
    }
    const voices = (await (await ts.request('/v1/audio/voices')).json()) as { voices: { id: string; name: string; aliases: string[] }[] };
    const defaultAliases = voices.voices.find((voice) => voice.id === 'default')?.aliases;
    assert.deepEqual(defaultAliases, ['alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'onyx', 'sage', 'shimmer', 'verse', 'marin', 'cedar']);
    assert.deepEqual(voices.voices.find((voice) => voice.id === id)?.aliases, ['nova']);
  });

  it('refuses unknown models with OpenAI-shaped 400s', async () => {
    await assert.rejects(client.audio.speech.create({ model: 'eleven-v2', voice: 'default', input: TEXT }), (error: unknown) => {
      assert.ok(error instanceof APIError);
      assert.equal(error.status, 400);
      assert.equal(error.code, 'unknown_model');
      assert.equal(error.type, 'invalid_request_error');
      return true;
    });
    const slow = await ts.post('/v1/audio/speech', { model: 'tts-1', voice: 'default', input: TEXT, speed: 5 });
    assert.equal(slow.status, 400);
  });

  it('lists the served model and its aliases in OpenAI shape', async () => {
    const models = await client.models.list();
    const ids = models.data.map((model) => model.id);
    assert.ok(ids.includes('chatterbox-multilingual') && ids.includes('tts-1') && ids.includes('gpt-4o-mini-tts'));
    assert.ok(models.data.every((model) => model.object === 'model' && typeof model.created === 'number'));
    assert.equal((await client.models.retrieve('tts-1-hd')).id, 'tts-1-hd');
    await assert.rejects(client.models.retrieve('whisper-1'), (error: unknown) => error instanceof APIError && error.status === 404);
  });
});

describe('OpenAI-compatible speech API behind API keys', () => {
  const KEY = 'a-sufficiently-long-api-key-1234';
  let ts: TestServer;
  useTestServer((server) => (ts = server), { CHATTERBOX_API_KEYS: KEY });

  it('accepts the key the openai client sends and refuses a wrong one with 401', async () => {
    const good = new OpenAI({ baseURL: `${ts.server.url}/v1`, apiKey: KEY, maxRetries: 0 });
    const response = await good.audio.speech.create({ model: 'tts-1', voice: 'default', input: 'Hi.', response_format: 'wav' });
    assert.ok((await response.arrayBuffer()).byteLength > 44);
    const bad = new OpenAI({ baseURL: `${ts.server.url}/v1`, apiKey: 'wrong-key-wrong-key-wrong', maxRetries: 0 });
    await assert.rejects(bad.models.list(), (error: unknown) => error instanceof APIError && error.status === 401);
  });
});

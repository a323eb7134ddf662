/**
 * Speech > Generate against the real service (tiny model): submit, wait, download, and the
 * audio as n8n binary data.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseWav } from './helpers/audio-probe.ts';
import { createExecuteContext, runNode } from './helpers/execute-context.ts';
import { credentialsOf, startService, type RunningService } from './helpers/service.ts';

const GENERATE = { resource: 'speech', operation: 'generate' };
const FAST_POLL = { pollInterval: 0.1, timeout: 60 };
const SAMPLE_RATE_HZ = 24_000;

let service: RunningService;

before(async () => {
  service = await startService();
});
after(async () => {
  await service.close();
});

describe('Speech > Generate', () => {
  test('outputs the audio as binary data with MIME type, file name and extension, and the job as JSON', async () => {
    const test = createExecuteContext({
      parameters: { ...GENERATE, text: 'Hello from n8n.', options: FAST_POLL },
      credentials: credentialsOf(service),
    });
    const [item] = await runNode(test);

    assert.equal(item.json.status, 'COMPLETE');
    const id = String(item.json.chatterbox_id);
    const binary = item.binary?.data;
    assert.ok(binary, 'no binary field "data"');
    assert.equal(binary.mimeType, 'audio/wav');
    assert.equal(binary.fileName, `${id}.wav`);
    assert.equal(binary.fileExtension, 'wav');
    const wav = parseWav(test.binaries.get(binary.id!)!);
    assert.equal(wav.sampleRate, SAMPLE_RATE_HZ);
    const audio = item.json.audio as { duration_seconds: number; bytes: number };
    assert.ok(Math.abs(wav.durationSeconds - audio.duration_seconds) < 0.01);
    assert.equal(test.binaries.get(binary.id!)!.length, audio.bytes);
    // The audio travels as binary data only, never as base64 inside the JSON.
    assert.ok(JSON.stringify(item.json).length < 2_000);
    assert.equal(item.pairedItem && (item.pairedItem as { item: number }).item, 0);
  });

  test('sends the language, voice, format and every generation parameter to the service', async () => {
    const options = {
      ...FAST_POLL,
      exaggeration: 0.9,
      cfgWeight: 0.3,
      temperature: 0.6,
      repetitionPenalty: 1.5,
      minP: 0.1,
      topP: 0.9,
      seed: 1234,
      speed: 1.25,
    };
    const test = createExecuteContext({
      parameters: {
        ...GENERATE,
        text: 'Guten Morgen!',
        language: 'de',
        voice: 'default',
        format: 'wav',
        options,
      },
      credentials: credentialsOf(service),
    });
    const [item] = await runNode(test);

    assert.equal(item.json.language, 'de');
    assert.equal(item.json.voice, 'default');
    // Every parameter the node sends comes back in the job's record (the service may record more).
    const { params } = item.json as { params: Record<string, unknown> };
    assert.deepEqual(
      {
        exaggeration: params.exaggeration,
        cfg_weight: params.cfg_weight,
        temperature: params.temperature,
        repetition_penalty: params.repetition_penalty,
        min_p: params.min_p,
        top_p: params.top_p,
        seed: params.seed,
        speed: params.speed,
        format: params.format,
      },
      {
        exaggeration: 0.9,
        cfg_weight: 0.3,
        temperature: 0.6,
        repetition_penalty: 1.5,
        min_p: 0.1,
        top_p: 0.9,
        seed: 1234,
        speed: 1.25,
        format: 'wav',
      },
    );
  });

  test('gives the same audio for the same seed', async () => {
    const run = async () => {
      const test = createExecuteContext({
        parameters: {
          ...GENERATE,
          text: 'Same seed, same voice.',
          options: { ...FAST_POLL, seed: 7 },
        },
        credentials: credentialsOf(service),
      });
      const [item] = await runNode(test);
      return test.binaries.get(item.binary!.data.id!)!;
    };
    assert.deepEqual(await run(), await run());
  });

  test('pairs every output item with its input item, in order, for many items', async () => {
    const texts = [
      'One.',
      'Two words.',
      'Three short words.',
      'Four words in here.',
      'Five is the last one.',
    ];
    const test = createExecuteContext({
      items: texts.map((text) => ({ json: { text } })),
      parameters: (i) => ({ ...GENERATE, text: texts[i], options: FAST_POLL }),
      credentials: credentialsOf(service),
    });
    const output = await runNode(test);

    assert.equal(output.length, texts.length);
    output.forEach((item, i) => {
      assert.deepEqual(item.pairedItem, { item: i });
      assert.equal(item.json.text_chars, texts[i].length);
      assert.ok(item.binary?.data.id);
    });
    assert.equal(new Set(output.map((item) => item.json.chatterbox_id)).size, texts.length);
    // All jobs are submitted before the first audio is fetched: they wait together.
    const firstDownload = test.requests.findIndex((r) => r.url.includes('/tts/audio/'));
    const submits = test.requests.flatMap((r, index) =>
      r.url.endsWith('/tts/synthesize') ? [index] : [],
    );
    assert.equal(submits.length, texts.length);
    assert.ok(submits.every((index) => index < firstDownload));
  });

  test('works on at most "Max Parallel Jobs" items at once', async () => {
    const texts = ['First.', 'Second.', 'Third.'];
    const test = createExecuteContext({
      items: texts.map((text) => ({ json: { text } })),
      parameters: (i) => ({
        ...GENERATE,
        text: texts[i],
        options: { ...FAST_POLL, maxParallelJobs: 1 },
      }),
      credentials: credentialsOf(service),
    });
    const output = await runNode(test);
    assert.equal(output.length, 3);
    const kinds = test.requests
      .filter((r) => r.url.endsWith('/tts/synthesize') || r.url.includes('/tts/audio/'))
      .map((r) => (r.url.endsWith('/tts/synthesize') ? 'submit' : 'download'));
    assert.deepEqual(kinds, ['submit', 'download', 'submit', 'download', 'submit', 'download']);
  });

  test('writes the audio to the binary field and file name the user chose', async () => {
    const test = createExecuteContext({
      parameters: {
        ...GENERATE,
        text: 'Custom field.',
        binaryPropertyName: 'speech',
        options: { ...FAST_POLL, fileName: 'greeting.wav' },
      },
      credentials: credentialsOf(service),
    });
    const [item] = await runNode(test);
    assert.deepEqual(Object.keys(item.binary ?? {}), ['speech']);
    assert.equal(item.binary!.speech.fileName, 'greeting.wav');
  });

  test('deletes the job from the service after the download when asked', async () => {
    const test = createExecuteContext({
      parameters: {
        ...GENERATE,
        text: 'Delete me afterwards.',
        options: { ...FAST_POLL, deleteAfterDownload: true },
      },
      credentials: credentialsOf(service),
    });
    const [item] = await runNode(test);
    assert.ok(item.binary?.data.id);
    const status = await fetch(`${service.baseUrl}/tts/status/${item.json.chatterbox_id}`, {
      headers: { authorization: `Bearer ${service.apiKey}` },
    });
    assert.equal(status.status, 410);
  });

  test('with Continue On Fail, a failing item becomes an error item and the others still run', async () => {
    const languages = ['en', 'xx', 'fr'];
    const test = createExecuteContext({
      items: languages.map(() => ({ json: {} })),
      parameters: (i) => ({
        ...GENERATE,
        text: 'Bonjour.',
        language: languages[i],
        options: FAST_POLL,
      }),
      credentials: credentialsOf(service),
      continueOnFail: true,
    });
    const output = await runNode(test);

    assert.equal(output.length, 3);
    assert.deepEqual(
      output.map((item) => item.pairedItem),
      [{ item: 0 }, { item: 1 }, { item: 2 }],
    );
    assert.equal(output[0].json.status, 'COMPLETE');
    assert.equal(output[2].json.status, 'COMPLETE');
    assert.equal(output[1].binary, undefined);
    assert.match(String(output[1].json.error), /language/i);
    assert.equal(output[1].json.httpCode, '400');
  });
});

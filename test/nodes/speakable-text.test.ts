/**
 * The text stage through the node: `spoken_text` in the item JSON, the Normalize Text option,
 * and captions as a second binary property (Speech > Generate, Job > Download Audio).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { IDataObject } from 'n8n-workflow';
import { createExecuteContext, runNode, type TestContext } from './helpers/execute-context.ts';
import { credentialsOf, startService, type RunningService } from './helpers/service.ts';

const FAST_POLL = { pollInterval: 0.1, timeout: 60 };
const GERMAN = { text: 'Es sind 21 Grad.', language: 'de' };

let service: RunningService;

before(async () => {
  service = await startService();
});
after(async () => {
  await service.close();
});

function node(resource: string, operation: string, parameters: IDataObject): TestContext {
  return createExecuteContext({
    parameters: { resource, operation, ...parameters },
    credentials: credentialsOf(service),
  });
}

function generate(options: IDataObject): TestContext {
  return node('speech', 'generate', { ...GERMAN, options: { ...FAST_POLL, ...options } });
}

describe('Speakable text in the n8n node', () => {
  test('Generate puts spoken_text in the item JSON, with the number read out in German', async () => {
    const [item] = await runNode(generate({}));
    const spoken = String(item.json.spoken_text);
    assert.match(spoken, /einundzwanzig/i);
    assert.doesNotMatch(spoken, /\d/);
  });

  test('Normalize Text off reads the text as written: the number stays digits', async () => {
    const [item] = await runNode(generate({ normalizeText: false }));
    assert.match(String(item.json.spoken_text), /21/);
    assert.doesNotMatch(String(item.json.spoken_text), /einundzwanzig/i);
  });

  test('Generate with Captions SRT adds the captions as a second binary property', async () => {
    const test = generate({ captions: 'srt' });
    const [item] = await runNode(test);
    const id = String(item.json.chatterbox_id);
    assert.deepEqual(Object.keys(item.binary ?? {}).sort(), ['captions', 'data']);
    const captions = item.binary!.captions;
    assert.equal(captions.fileName, `${id}.srt`);
    assert.equal(captions.mimeType, 'application/x-subrip');
    const srt = test.binaries.get(captions.id!)!.toString('utf8');
    assert.match(srt, /^1\r?\n00:00:00,000 --> \d\d:\d\d:\d\d,\d{3}/);
    // Captions show the text as the user wrote it, not as it was spoken.
    assert.match(srt, /Es sind 21 Grad\./);
  });

  test('Generate without Captions outputs the audio only', async () => {
    const [item] = await runNode(generate({}));
    assert.deepEqual(Object.keys(item.binary ?? {}), ['data']);
  });

  test('Get Status and Download Audio pass spoken_text through; Download adds WebVTT captions', async () => {
    const [submitted] = await runNode(node('job', 'submit', GERMAN));
    const jobId = String(submitted.json.chatterbox_id);
    const [status] = await runNode(
      node('job', 'getStatus', { jobId, waitUntilFinished: true, options: FAST_POLL }),
    );
    assert.equal(status.json.status, 'COMPLETE');
    assert.match(String(status.json.spoken_text), /einundzwanzig/i);

    const download = node('job', 'download', { jobId, options: { captions: 'vtt' } });
    const [item] = await runNode(download);
    assert.equal(item.json.spoken_text, status.json.spoken_text);
    const captions = item.binary!.captions;
    assert.equal(captions.fileName, `${jobId}.vtt`);
    assert.equal(captions.mimeType, 'text/vtt');
    const vtt = download.binaries.get(captions.id!)!.toString('utf8');
    assert.match(vtt, /^WEBVTT/);
    assert.match(vtt, /Es sind 21 Grad\./);
  });
});

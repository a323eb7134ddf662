/**
 * Job > Submit, Get Status, Download Audio, Delete and List against the real service.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { parseWav } from './helpers/audio-probe.ts';
import { createExecuteContext, runNode, type TestContext } from './helpers/execute-context.ts';
import { credentialsOf, startService, type RunningService } from './helpers/service.ts';

let service: RunningService;

before(async () => {
  service = await startService();
});
after(async () => {
  await service.close();
});

function job(
  operation: string,
  parameters: IDataObject,
  items?: INodeExecutionData[],
): TestContext {
  return createExecuteContext({
    parameters: { resource: 'job', operation, ...parameters },
    credentials: credentialsOf(service),
    items,
  });
}

async function submit(text: string, extra: IDataObject = {}): Promise<IDataObject> {
  const [item] = await runNode(job('submit', { text, ...extra }));
  return item.json;
}

async function waitComplete(id: string): Promise<IDataObject> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const [item] = await runNode(job('getStatus', { jobId: id }));
    if (item.json.status === 'COMPLETE') return item.json;
    assert.ok(
      ['QUEUED', 'PROCESSING'].includes(String(item.json.status)),
      JSON.stringify(item.json),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${id} did not complete`);
}

describe('Job operations', () => {
  test('Submit returns the job id and its URLs at once', async () => {
    const submitted = await submit('Submitted, not awaited.', { format: 'pcm' });
    assert.equal(submitted.status, 'QUEUED');
    assert.match(String(submitted.chatterbox_id), /^[0-9a-f-]{36}$/);
    assert.equal(submitted.status_url, `/tts/status/${submitted.chatterbox_id}`);
    assert.equal(submitted.audio_url, `/tts/audio/${submitted.chatterbox_id}`);
    assert.equal(submitted.events_url, `/tts/events/${submitted.chatterbox_id}`);
  });

  test('Submit sends the callback URL and the idempotency key', async () => {
    const key = `n8n-test-${Date.now()}`;
    const first = await submit('Only once, please.', { options: { idempotencyKey: key } });
    const again = await submit('Only once, please.', { options: { idempotencyKey: key } });
    assert.equal(again.chatterbox_id, first.chatterbox_id);

    const test = job('submit', { text: 'Call me back.', options: { callbackUrl: 'not a url' } });
    await assert.rejects(runNode(test), (error: NodeApiError) => {
      assert.equal(error.httpCode, '400');
      assert.match(error.description ?? '', /callback_url/);
      return true;
    });
  });

  test('Get Status reports state, parameters and, once complete, the audio', async () => {
    const { chatterbox_id: id } = await submit('What is my status?', { options: { seed: 99 } });
    const status = await waitComplete(String(id));
    assert.equal((status.params as IDataObject).seed, 99);
    const audio = status.audio as IDataObject;
    assert.equal(audio.format, 'wav');
    assert.ok(Number(audio.duration_seconds) > 0);
  });

  test('Download Audio outputs the finished audio as binary data, converted on request', async () => {
    const { chatterbox_id: id } = await submit('Download me twice.');
    await waitComplete(String(id));

    const asGenerated = job('download', { jobId: id });
    const [wavItem] = await runNode(asGenerated);
    assert.equal(wavItem.binary!.data.mimeType, 'audio/wav');
    assert.equal(wavItem.binary!.data.fileName, `${id}.wav`);
    assert.ok(parseWav(asGenerated.binaries.get(wavItem.binary!.data.id!)!).durationSeconds > 0);
    assert.equal(wavItem.json.chatterbox_id, id);

    // Conversion on the way out (?format=): raw PCM is every WAV's data chunk without the header.
    const converted = job('download', { jobId: id, format: 'pcm', binaryPropertyName: 'audio' });
    const [pcmItem] = await runNode(converted);
    assert.equal(pcmItem.binary!.audio.mimeType, 'audio/pcm');
    assert.equal(pcmItem.binary!.audio.fileExtension, 'pcm');
    const wavBytes = asGenerated.binaries.get(wavItem.binary!.data.id!)!;
    const pcmBytes = converted.binaries.get(pcmItem.binary!.audio.id!)!;
    assert.deepEqual(pcmBytes, wavBytes.subarray(wavBytes.length - parseWav(wavBytes).dataBytes));
    // The item JSON describes the file delivered, not the one stored.
    const { format, content_type, bytes } = pcmItem.json.audio as IDataObject;
    assert.deepEqual(
      { format, content_type, bytes },
      { format: 'pcm', content_type: 'audio/pcm', bytes: pcmBytes.length },
    );
    assert.equal((wavItem.json.audio as IDataObject).format, 'wav');
  });

  test('Download Audio of an unknown job fails with the service message', async () => {
    const test = job('download', { jobId: '00000000-0000-4000-8000-000000000000' });
    await assert.rejects(runNode(test), (error: NodeApiError) => {
      assert.equal(error.httpCode, '404');
      assert.match(error.description ?? '', /GET \/tts\/audio\//);
      return true;
    });
  });

  test('Delete removes the job; its status then answers 410', async () => {
    const { chatterbox_id: id } = await submit('Short-lived.');
    await waitComplete(String(id));
    const [deleted] = await runNode(job('delete', { jobId: id }));
    assert.equal(deleted.json.deleted, true);
    assert.equal(deleted.json.chatterbox_id, id);
    await assert.rejects(
      runNode(job('getStatus', { jobId: id })),
      (error: NodeApiError) => error.httpCode === '410',
    );
  });

  test('List pages through all jobs, newest first, and honours the limit and status filter', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(String((await submit(`Listed job ${i}.`)).chatterbox_id));
    await Promise.all(ids.map(waitComplete));

    const limited = await runNode(
      job('list', { returnAll: false, limit: 2, filters: { status: 'COMPLETE' } }),
    );
    assert.equal(limited.length, 2);
    assert.deepEqual(
      limited.map((item) => item.json.chatterbox_id),
      [ids[2], ids[1]],
    );

    const all = await runNode(job('list', { returnAll: true, filters: {} }));
    const listed = all.map((item) => item.json.chatterbox_id);
    for (const id of ids) assert.ok(listed.includes(id));
    assert.ok(all.every((item) => (item.pairedItem as { item: number }).item === 0));
  });
});

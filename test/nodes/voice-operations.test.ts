/**
 * Voice > Upload, List and Delete, the voice and language dropdowns, and the credential
 * test, against the real service.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { NodeApiError } from 'n8n-workflow';
import { ChatterboxTts } from '../../nodes/ChatterboxTts/ChatterboxTts.node.ts';
import { sineWav } from './helpers/audio-fixtures.ts';
import {
  createExecuteContext,
  createLoadOptionsContext,
  runCredentialTest,
  runNode,
} from './helpers/execute-context.ts';
import { credentialsOf, startService, type RunningService } from './helpers/service.ts';

const { loadOptions } = new ChatterboxTts().methods;
let service: RunningService;

before(async () => {
  service = await startService();
});
after(async () => {
  await service.close();
});

function voiceContext(operation: string, parameters: Record<string, string> = {}, binary?: Buffer) {
  return createExecuteContext({
    parameters: { resource: 'voice', operation, ...parameters },
    credentials: credentialsOf(service),
    items: [
      {
        json: {},
        binary: binary && {
          data: {
            data: binary.toString('base64'),
            mimeType: 'audio/wav',
            fileName: 'reference.wav',
            fileExtension: 'wav',
          },
        },
      },
    ],
  });
}

describe('Voice operations', () => {
  test('Upload sends the input binary as the reference clip and returns the new voice', async () => {
    const [item] = await runNode(voiceContext('upload', { name: 'Support desk' }, sineWav(3)));
    assert.equal(item.json.name, 'Support desk');
    assert.ok(Math.abs(Number(item.json.duration_seconds) - 3) < 0.05);

    const listed = await runNode(voiceContext('list'));
    const ids = listed.map((voice) => voice.json.id);
    assert.equal(ids[0], 'default');
    assert.ok(ids.includes(item.json.id));

    const spoken = createExecuteContext({
      parameters: {
        resource: 'speech',
        operation: 'generate',
        text: 'In my own voice.',
        voice: String(item.json.id),
        options: { pollInterval: 0.1 },
      },
      credentials: credentialsOf(service),
    });
    const [generated] = await runNode(spoken);
    assert.equal(generated.json.voice, item.json.id);
    assert.equal(generated.json.status, 'COMPLETE');
  });

  test('Upload without the binary field fails on that item', async () => {
    await assert.rejects(runNode(voiceContext('upload')), /binary/);
  });

  test('Upload of a clip that is too short fails with the service message', async () => {
    await assert.rejects(
      runNode(voiceContext('upload', {}, sineWav(0.2))),
      (error: NodeApiError) => {
        assert.match(error.httpCode ?? '', /^4\d\d$/);
        assert.match(error.description ?? '', /POST \/voices/);
        return true;
      },
    );
  });

  test('Delete removes an uploaded voice; the built-in voice cannot be deleted', async () => {
    const [uploaded] = await runNode(voiceContext('upload', { name: 'Temporary' }, sineWav(2)));
    const [deleted] = await runNode(voiceContext('delete', { voiceId: String(uploaded.json.id) }));
    assert.deepEqual(deleted.json, { id: uploaded.json.id, deleted: true });
    await assert.rejects(
      runNode(voiceContext('delete', { voiceId: 'default' })),
      (error: NodeApiError) => error.httpCode === '409',
    );
  });
});

describe('dropdowns and credentials', () => {
  test('the language list comes from the service: 23 languages by name', async () => {
    const options = await loadOptions.getLanguages.call(
      createLoadOptionsContext(credentialsOf(service)),
    );
    assert.equal(options.length, 23);
    assert.deepEqual(
      options.find((option) => option.value === 'en'),
      { name: 'English', value: 'en', description: 'en' },
    );
    const names = options.map((option) => option.name);
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b)),
    );
  });

  test('the voice list puts the built-in voice first; the delete list leaves it out', async () => {
    await runNode(voiceContext('upload', { name: 'Aaron' }, sineWav(2)));
    const context = createLoadOptionsContext(credentialsOf(service));
    const voices = await loadOptions.getVoices.call(context);
    assert.equal(voices[0].value, 'default');
    assert.ok(voices.some((voice) => voice.name === 'Aaron'));
    const deletable = await loadOptions.getUploadedVoices.call(context);
    assert.ok(deletable.every((voice) => voice.value !== 'default'));
    assert.ok(deletable.some((voice) => voice.name === 'Aaron'));
  });

  test('the credential test passes with the right URL and key', async () => {
    const result = await runCredentialTest({
      ...credentialsOf(service),
      baseUrl: `${service.baseUrl}/`,
    });
    assert.deepEqual(result, { status: 'OK', message: 'Connection tested successfully' });
  });

  test('the credential test fails on a wrong key and says the key is wrong', async () => {
    const result = await runCredentialTest({
      ...credentialsOf(service),
      apiKey: 'wrong-key-0123456789',
    });
    assert.equal(result.status, 'Error');
    assert.match(result.message, /^The API key is wrong/);
  });

  test('the credential test fails on a URL with no service behind it and says the URL is wrong', async () => {
    const result = await runCredentialTest({
      ...credentialsOf(service),
      baseUrl: `${service.baseUrl}/some/path`,
    });
    assert.equal(result.status, 'Error');
    assert.match(result.message, /^The Base URL is wrong/);
  });

  test('the API key is sent as a bearer token', async () => {
    const test = voiceContext('list');
    await runNode(test);
    assert.equal(test.requests[0].headers.Authorization, `Bearer ${service.apiKey}`);
  });
});

/**
 * The node's description and its router agree: every operation offered in the editor has
 * an implementation and every parameter an operation reads is declared for it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { INodeProperties } from 'n8n-workflow';
import { ChatterboxApi } from '../../credentials/ChatterboxApi.credentials.ts';
import { ChatterboxTts } from '../../nodes/ChatterboxTts/ChatterboxTts.node.ts';

const node = new ChatterboxTts();
const { properties } = node.description;

function shownFor(resource: string, operation?: string): INodeProperties[] {
  return properties.filter((p) =>
    Object.entries(p.displayOptions?.show ?? {}).every(([name, allowed]) => {
      if (name === 'resource') return (allowed as string[]).includes(resource);
      if (name === 'operation')
        return operation === undefined || (allowed as string[]).includes(operation);
      return true;
    }),
  );
}

const resources = properties
  .find((p) => p.name === 'resource')!
  .options!.map((o) => (o as { value: string }).value);

describe('Chatterbox TTS node description', () => {
  test('offers the speech, job and voice resources with their operations', () => {
    const operations = Object.fromEntries(
      resources.map((resource) => [
        resource,
        shownFor(resource)
          .filter((p) => p.name === 'operation')
          .flatMap((p) => p.options!.map((o) => (o as { value: string }).value))
          .sort(),
      ]),
    );
    assert.deepEqual(operations, {
      job: ['cancel', 'delete', 'download', 'getStatus', 'list', 'submit'],
      speech: ['generate'],
      voice: ['delete', 'list', 'upload'],
    });
  });

  test('gives every operation an action label for the node picker', () => {
    for (const property of properties.filter((p) => p.name === 'operation')) {
      for (const option of property.options!)
        assert.ok((option as { action?: string }).action, JSON.stringify(option));
    }
  });

  test('can be used as an AI Agent tool and loads languages and voices from the service', () => {
    assert.equal(node.description.usableAsTool, true);
    assert.deepEqual(Object.keys(node.methods.loadOptions).sort(), [
      'getLanguages',
      'getUploadedVoices',
      'getVoices',
    ]);
    const language = shownFor('speech', 'generate').find((p) => p.name === 'language')!;
    assert.equal(language.typeOptions?.loadOptionsMethod, 'getLanguages');
    assert.equal(language.default, 'en');
  });

  test('exposes every generation parameter of the service with its documented default', () => {
    const options = shownFor('speech', 'generate').find((p) => p.name === 'options')!;
    const defaults = Object.fromEntries(
      (options.options as INodeProperties[]).map((option) => [option.name, option.default]),
    );
    assert.deepEqual(
      {
        exaggeration: defaults.exaggeration,
        cfgWeight: defaults.cfgWeight,
        temperature: defaults.temperature,
        repetitionPenalty: defaults.repetitionPenalty,
        minP: defaults.minP,
        topP: defaults.topP,
      },
      {
        exaggeration: 0.5,
        cfgWeight: 0.5,
        temperature: 0.8,
        repetitionPenalty: 2,
        minP: 0.05,
        topP: 1,
      },
    );
    assert.ok('seed' in defaults && 'pollInterval' in defaults && 'timeout' in defaults);
    assert.equal(defaults.maxParallelJobs, 5);
    const formats = shownFor('speech', 'generate').find((p) => p.name === 'format')!;
    assert.deepEqual(formats.options!.map((o) => (o as { value: string }).value).sort(), [
      'aac',
      'flac',
      'mp3',
      'opus',
      'pcm',
      'wav',
    ]);
  });

  test('sends the API key as a bearer token and tests credentials on a route that needs it', () => {
    const credentials = new ChatterboxApi();
    assert.deepEqual(credentials.authenticate, {
      type: 'generic',
      properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
    });
    assert.equal(credentials.test.request.url, '/tts/jobs');
    assert.equal(
      credentials.properties.find((p) => p.name === 'apiKey')!.typeOptions?.password,
      true,
    );
  });
});

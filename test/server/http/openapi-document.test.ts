/**
 * GET /openapi.json is a valid OpenAPI 3.1 document (checked by an independent validator built
 * on the specification's own JSON schema), and every operation is named and tagged, so client
 * generators and API explorers can use it as it is.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { buildOpenApiDocument } from '../../../server/http/schemas/openapi-document.ts';

interface Operation {
  operationId?: string;
  tags?: string[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}
type Document = { paths: Record<string, Record<string, Operation>>; tags: { name: string }[] };

const AUDIO_TYPES = ['audio/aac', 'audio/flac', 'audio/mpeg', 'audio/ogg; codecs=opus', 'audio/pcm', 'audio/wav'];
const doc = buildOpenApiDocument({ maxTextChars: 20_000, version: '1.0.0' }) as Document;
const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ at: `${method.toUpperCase()} ${path}`, operation })));

describe('the OpenAPI document', () => {
  it('passes the OpenAPI 3.1 schema validation', async () => {
    const result = await new Validator().validate(structuredClone(doc) as unknown as Record<string, unknown>);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
  });

  it('gives every operation a unique operationId and a declared tag', () => {
    assert.ok(operations.length >= 20, `${operations.length} operations`);
    const declared = new Set(doc.tags.map((tag) => tag.name));
    for (const { at, operation } of operations) {
      assert.match(operation.operationId ?? '', /^[a-z][A-Za-z]+$/, at);
      assert.ok((operation.tags ?? []).length > 0 && operation.tags!.every((tag) => declared.has(tag)), at);
    }
    const ids = operations.map(({ operation }) => operation.operationId);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('lists every audio content type for job downloads and OpenAI speech, and SSE as text/event-stream', () => {
    const types = (operation: Operation) => Object.keys(operation.responses['200']!.content!).sort();
    assert.deepEqual(types(doc.paths['/tts/audio/{id}']!.get!), AUDIO_TYPES);
    assert.deepEqual(types(doc.paths['/v1/audio/speech']!.post!), [...AUDIO_TYPES, 'text/event-stream']);
    assert.deepEqual(Object.keys(doc.paths['/tts/events/{id}']!.get!.responses['200']!.content!), ['text/event-stream']);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildOpenApiDocument } from '../../server/http/schemas/openapi-document.ts';
// The page's own module: plain ESM without DOM use, so Node runs it as the browser does.
import { readServiceSchema } from '../../server/http/ui/modules/service-schema.js';

describe("the page's reading of the service's /openapi.json", () => {
  it('takes the text limit, slider bounds and defaults, seed range and formats from the document', () => {
    const schema = readServiceSchema(buildOpenApiDocument({ maxTextChars: 1234, version: 'test' }));
    assert.equal(schema.fromService, true);
    assert.equal(schema.field('text').maxLength, 1234);
    assert.deepEqual(
      {
        min: schema.field('temperature').minimum,
        max: schema.field('temperature').maximum,
        default: schema.field('temperature').default,
      },
      { min: 0.05, max: 5, default: 0.8 },
    );
    assert.equal(schema.field('repetition_penalty').default, 2);
    assert.equal(schema.field('seed').maximum, 4294967295);
    assert.equal(schema.field('language').default, 'en');
    assert.ok(schema.field('format').enum?.includes('wav'));
    assert.equal(schema.field('format').default, 'wav');
    assert.match(schema.voiceUpload.description ?? '', /clip/i);
  });

  it('follows $ref, allOf and nullable anyOf the way generators write them', () => {
    const doc = {
      paths: {
        '/tts/synthesize': {
          post: {
            requestBody: {
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Req' } } },
            },
          },
        },
      },
      components: {
        schemas: {
          Req: {
            allOf: [{ $ref: '#/components/schemas/Base' }],
            properties: { seed: { anyOf: [{ type: 'integer', maximum: 9 }, { type: 'null' }] } },
          },
          Base: { properties: { text: { type: 'string', maxLength: 77 } } },
        },
      },
    };
    const schema = readServiceSchema(doc);
    assert.equal(schema.field('seed').maximum, 9);
    assert.equal(schema.field('seed').nullable, true);
    assert.equal(schema.field('text').maxLength, 77);
  });

  it('falls back to the documented contract when the document cannot be read', () => {
    const schema = readServiceSchema(null);
    assert.equal(schema.fromService, false);
    assert.equal(schema.field('text').maxLength, 20000);
    assert.equal(schema.field('top_p').minimum, 0.01);
  });
});

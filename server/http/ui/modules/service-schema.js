// Reads the limits and defaults of POST /tts/synthesize from the service's /openapi.json,
// which the server generates from the same zod schemas that validate requests, so the page
// never disagrees with the service about a bound or a default.

const SYNTHESIZE_PATH = '/tts/synthesize';
const VOICES_PATH = '/voices';

/**
 * Used only when /openapi.json cannot be read or lacks a field: the values of the HTTP API
 * contract in the README, so the form still works against an older or a proxied service.
 */
const CONTRACT_FALLBACK = {
  text: { minLength: 1, maxLength: 20000 },
  language: { default: 'en' },
  voice: { default: 'default' },
  exaggeration: { minimum: 0, maximum: 2, default: 0.5 },
  cfg_weight: { minimum: 0, maximum: 1, default: 0.5 },
  temperature: { minimum: 0.05, maximum: 5, default: 0.8 },
  repetition_penalty: { minimum: 1, maximum: 3, default: 2 },
  min_p: { minimum: 0, maximum: 1, default: 0.05 },
  top_p: { minimum: 0.01, maximum: 1, default: 1 },
  seed: { minimum: 0, maximum: 4294967295, default: null },
  format: { enum: ['wav', 'mp3', 'opus', 'flac', 'aac', 'pcm'], default: 'wav' },
};

/** Follows a local `$ref` such as `#/components/schemas/SynthesizeRequest`. */
function deref(doc, schema) {
  let current = schema;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 10; hops += 1) {
    const path = current.$ref.replace(/^#\//, '').split('/');
    current = path.reduce(
      (node, key) => (node ? node[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined),
      doc,
    );
  }
  return current ?? {};
}

/** Flattens `allOf`, and the `anyOf`/`oneOf` that nullable fields produce, into one schema. */
function flatten(doc, schema) {
  const own = deref(doc, schema);
  const parts = [...(own.allOf ?? []), ...(own.anyOf ?? []), ...(own.oneOf ?? [])].map((part) =>
    flatten(doc, part),
  );
  const typed = parts.filter((part) => part.type !== 'null');
  const merged = Object.assign({}, ...typed, own);
  // Object parts each bring some of the properties: keep them all.
  const properties = Object.assign(
    {},
    ...typed.map((part) => part.properties ?? {}),
    own.properties ?? {},
  );
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (parts.some((part) => part.type === 'null') || own.nullable === true) merged.nullable = true;
  delete merged.allOf;
  delete merged.anyOf;
  delete merged.oneOf;
  return merged;
}

function requestSchema(doc, path, contentType) {
  const operation = doc?.paths?.[path]?.post;
  const schema = operation?.requestBody?.content?.[contentType]?.schema;
  return schema ? flatten(doc, schema) : null;
}

function fieldSchema(doc, body, name) {
  const property = body?.properties?.[name];
  return property ? flatten(doc, property) : null;
}

/**
 * @typedef {{ minimum?: number, maximum?: number, minLength?: number, maxLength?: number,
 *   default?: unknown, enum?: string[], description?: string, nullable?: boolean }} FieldRules
 * @typedef {{ fromService: boolean, field: (name: string) => FieldRules,
 *   voiceUpload: { description: string | null } }} ServiceSchema
 */

/**
 * @param {object | null} doc the parsed /openapi.json, or null when it could not be read
 * @returns {ServiceSchema}
 */
export function readServiceSchema(doc) {
  const body = doc ? requestSchema(doc, SYNTHESIZE_PATH, 'application/json') : null;
  const upload = doc ? requestSchema(doc, VOICES_PATH, 'multipart/form-data') : null;
  return {
    fromService: body !== null,
    field(name) {
      const fromService = body ? fieldSchema(doc, body, name) : null;
      return { ...CONTRACT_FALLBACK[name], ...stripUndefined(fromService ?? {}) };
    },
    voiceUpload: {
      description: fieldSchema(doc, upload, 'file')?.description ?? upload?.description ?? null,
    },
  };
}

function stripUndefined(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

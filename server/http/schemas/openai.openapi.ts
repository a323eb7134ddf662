/** The /v1 paths in GET /openapi.json, from the same zod schemas that validate them. */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { audioContent } from './common.schema.ts';
import {
  createSpeechRequestSchema,
  OpenAiErrorSchema,
  OpenAiModelListSchema,
  OpenAiModelSchema,
  OpenAiVoiceListSchema,
  OpenAiVoiceNamesSchema,
  OpenAiVoicesQuerySchema,
  SpeechAudioDeltaEventSchema,
  SpeechAudioDoneEventSchema,
} from './openai.schema.ts';

const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, { description: 'Error (OpenAI shape plus code/field)', content: { 'application/json': { schema: OpenAiErrorSchema } } }]));

export function registerOpenAiPaths(registry: OpenAPIRegistry, maxTextChars: number): void {
  const auth = [{ bearerAuth: [] }];
  registry.registerPath({
    method: 'post', path: '/v1/audio/speech', operationId: 'createSpeech', tags: ['OpenAI'], summary: 'OpenAI-compatible speech: audio streamed sentence by sentence, or SSE events', security: auth,
    request: { body: { content: { 'application/json': { schema: createSpeechRequestSchema(maxTextChars) } } } },
    responses: {
      200: {
        description: 'The audio in response_format (chunked), or with stream_format "sse" speech.audio.delta events then speech.audio.done. Headers: X-Chatterbox-Id (the job), X-Chatterbox-Seed, X-Chatterbox-Ignored.',
        content: {
          ...audioContent(),
          'text/event-stream': { schema: z.union([SpeechAudioDeltaEventSchema, SpeechAudioDoneEventSchema]).meta({ description: 'Each event\'s data (text/event-stream)' }) },
        },
      },
      ...errors(400, 401, 409, 413, 415, 500, 503),
    },
  });
  registry.registerPath({ method: 'get', path: '/v1/models', operationId: 'listModels', tags: ['OpenAI'], summary: 'The model and the names it answers to', security: auth, responses: { 200: { description: 'Models', content: { 'application/json': { schema: OpenAiModelListSchema } } } } });
  registry.registerPath({
    method: 'get', path: '/v1/models/{id}', operationId: 'retrieveModel', tags: ['OpenAI'], summary: 'One model', security: auth,
    request: { params: z.object({ id: z.string() }) },
    responses: { 200: { description: 'The model', content: { 'application/json': { schema: OpenAiModelSchema } } }, ...errors(404) },
  });
  registry.registerPath({
    method: 'get', path: '/v1/audio/voices', operationId: 'listOpenAiVoices', tags: ['OpenAI'], summary: 'Voices with their OpenAI aliases, or (?format=names) a plain list of names', security: auth,
    request: { query: OpenAiVoicesQuerySchema },
    responses: { 200: { description: 'Voices', content: { 'application/json': { schema: z.union([OpenAiVoiceListSchema, OpenAiVoiceNamesSchema]) } } }, ...errors(400) },
  });
  registry.registerPath({
    method: 'get', path: '/v1/audio/models', operationId: 'listAudioModels', tags: ['OpenAI'], summary: 'Models in the shape Open WebUI reads', security: auth,
    responses: { 200: { description: 'Models', content: { 'application/json': { schema: z.object({ models: z.array(z.object({ id: z.string(), name: z.string() })) }) } } } },
  });
}

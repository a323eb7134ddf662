/**
 * GET /openapi.json, generated from the same zod schemas that validate requests, so the
 * document cannot drift from what the server accepts.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { JobIdParamSchema, VoiceIdParamSchema, errorResponses } from './common.schema.ts';
import {
  AudioQuerySchema,
  DeleteJobResponseSchema,
  JobListQuerySchema,
  JobListSchema,
} from './job.schema.ts';
import { JobStatusSchema } from '../../jobs/job-view.ts';
import { registerOpenAiPaths } from './openai.openapi.ts';
import { HealthSchema, LanguageListSchema } from './service.schema.ts';
import { CaptionsQuerySchema, DeletedLexiconSchema, LanguageParamSchema, LexiconBodySchema, LexiconSchema } from './speech-text.schema.ts';
import { IdempotencyHeaderSchema, SubmitResponseSchema, createSynthesizeRequestSchema } from './synthesize.schema.ts';
import { CreatedVoiceSchema, DeletedVoiceSchema, VoiceListSchema, VoiceUploadSchema } from './voice.schema.ts';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

function registerJobPaths(registry: OpenAPIRegistry, maxTextChars: number): void {
  const auth = [{ bearerAuth: [] }];
  registry.registerPath({
    method: 'post', path: '/tts/synthesize', summary: 'Submit text; returns a job id at once', security: auth,
    request: { headers: IdempotencyHeaderSchema, body: { content: { 'application/json': { schema: createSynthesizeRequestSchema(maxTextChars) } } } },
    responses: { 202: json(SubmitResponseSchema, 'Accepted; poll status_url or listen on events_url'), ...errorResponses(400, 401, 413, 415, 422, 503) },
  });
  registry.registerPath({
    method: 'get', path: '/tts/status/{id}', summary: 'Job status, progress, parameters and audio metadata', security: auth,
    request: { params: JobIdParamSchema },
    responses: { 200: json(JobStatusSchema, 'The job'), ...errorResponses(400, 401, 404, 410) },
  });
  registry.registerPath({
    method: 'get', path: '/tts/audio/{id}', summary: 'Download the audio (Range and ETag supported)', security: auth,
    request: { params: JobIdParamSchema, query: AudioQuerySchema },
    responses: {
      200: { description: 'The audio file', content: { 'audio/wav': { schema: z.string().meta({ format: 'binary' }) } } },
      206: { description: 'Requested byte range' },
      304: { description: 'Not modified (If-None-Match)' },
      416: { description: 'Range not satisfiable' },
      ...errorResponses(400, 401, 404, 409, 410),
    },
  });
  registry.registerPath({
    method: 'get', path: '/tts/captions/{id}', summary: 'Captions of the finished audio: one cue per chunk, text as written (SRT or WebVTT)', security: auth,
    request: { params: JobIdParamSchema, query: CaptionsQuerySchema },
    responses: {
      200: { description: 'The captions', content: { 'text/vtt': { schema: z.string() }, 'application/x-subrip': { schema: z.string() } } },
      ...errorResponses(400, 401, 404, 409, 410),
    },
  });
  registry.registerPath({
    method: 'get', path: '/tts/events/{id}', summary: 'Server-Sent Events: status, progress, done (data = job status)', security: auth,
    request: { params: JobIdParamSchema },
    responses: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: z.string() } } }, ...errorResponses(400, 401, 404, 410) },
  });
  registry.registerPath({
    method: 'get', path: '/tts/jobs', summary: 'List jobs, newest first', security: auth,
    request: { query: JobListQuerySchema },
    responses: { 200: json(JobListSchema, 'A page of jobs'), ...errorResponses(400, 401) },
  });
  registry.registerPath({
    method: 'post', path: '/tts/jobs/{id}/cancel', summary: 'Stop a queued or running job; it stays listed as CANCELLED', security: auth,
    request: { params: JobIdParamSchema },
    responses: { 200: json(JobStatusSchema, 'The cancelled job'), ...errorResponses(400, 401, 404, 409, 410) },
  });
  registry.registerPath({
    method: 'delete', path: '/tts/jobs/{id}', summary: 'Cancel if running, delete record and files', security: auth,
    request: { params: JobIdParamSchema },
    responses: { 200: json(DeleteJobResponseSchema, 'Deleted'), ...errorResponses(400, 401, 404, 410) },
  });
}

function registerLexiconPaths(registry: OpenAPIRegistry): void {
  const auth = [{ bearerAuth: [] }];
  const path = '/lexicons/{language}';
  const params = LanguageParamSchema;
  registry.registerPath({ method: 'get', path, summary: "The language's pronunciation lexicon (empty when none is stored)", security: auth, request: { params }, responses: { 200: json(LexiconSchema, 'The lexicon'), ...errorResponses(400, 401) } });
  registry.registerPath({
    method: 'put', path, summary: "Replace the language's lexicon; applied to every job of that language", security: auth,
    request: { params, body: { content: { 'application/json': { schema: LexiconBodySchema } } } },
    responses: { 200: json(LexiconSchema, 'Stored'), ...errorResponses(400, 401, 413, 415) },
  });
  registry.registerPath({ method: 'delete', path, summary: "Delete the language's lexicon", security: auth, request: { params }, responses: { 200: json(DeletedLexiconSchema, 'Deleted'), ...errorResponses(400, 401) } });
}

function registerOtherPaths(registry: OpenAPIRegistry): void {
  const auth = [{ bearerAuth: [] }];
  registry.registerPath({ method: 'get', path: '/voices', summary: 'Voices: the built-in default and uploaded ones', security: auth, responses: { 200: json(VoiceListSchema, 'Voices'), ...errorResponses(401) } });
  registry.registerPath({
    method: 'post', path: '/voices', summary: 'Upload a reference clip (1-30 s by default)', security: auth,
    request: { body: { content: { 'multipart/form-data': { schema: VoiceUploadSchema } } } },
    responses: { 201: json(CreatedVoiceSchema, 'Stored'), ...errorResponses(400, 401, 413, 415, 422) },
  });
  registry.registerPath({
    method: 'delete', path: '/voices/{id}', summary: 'Delete an uploaded voice', security: auth,
    request: { params: VoiceIdParamSchema },
    responses: { 200: json(DeletedVoiceSchema, 'Deleted'), ...errorResponses(400, 401, 404, 409) },
  });
  registry.registerPath({ method: 'get', path: '/languages', summary: 'The 23 supported languages', security: auth, responses: { 200: json(LanguageListSchema, 'Languages') } });
  registry.registerPath({ method: 'get', path: '/health', summary: 'Liveness, readiness, model and workers', responses: { 200: json(HealthSchema, 'Health') } });
  registry.registerPath({ method: 'get', path: '/health/live', summary: 'Liveness probe', responses: { 200: { description: 'Process is up' } } });
  registry.registerPath({ method: 'get', path: '/health/ready', summary: 'Readiness probe (engines loaded)', responses: { 200: { description: 'Ready' }, 503: { description: 'Not ready' } } });
  registry.registerPath({ method: 'get', path: '/metrics', summary: 'Prometheus metrics', security: auth, responses: { 200: { description: 'text/plain; version=0.0.4' } } });
}

export function buildOpenApiDocument(options: { maxTextChars: number; version: string }): object {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', description: 'Needed when CHATTERBOX_API_KEYS is set' });
  registerJobPaths(registry, options.maxTextChars);
  registerLexiconPaths(registry);
  registerOtherPaths(registry);
  registerOpenAiPaths(registry, options.maxTextChars);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Chatterbox speech service',
      version: options.version,
      description: 'Asynchronous text-to-speech jobs with Chatterbox Multilingual (23 languages, voice cloning).',
    },
  });
}

/**
 * GET /openapi.json, generated from the same zod schemas that validate requests, so the
 * document cannot drift from what the server accepts.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { JobIdParamSchema, VoiceIdParamSchema, audioContent, errorResponses } from './common.schema.ts';
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
    method: 'post', path: '/tts/synthesize', operationId: 'submitSynthesis', tags: ['Jobs'], summary: 'Submit text; returns a job id at once', security: auth,
    request: { headers: IdempotencyHeaderSchema, body: { content: { 'application/json': { schema: createSynthesizeRequestSchema(maxTextChars) } } } },
    responses: { 202: json(SubmitResponseSchema, 'Accepted; poll status_url or listen on events_url'), ...errorResponses(400, 401, 413, 415, 422, 503) },
  });
  registry.registerPath({
    method: 'get', path: '/tts/status/{id}', operationId: 'getJobStatus', tags: ['Jobs'], summary: 'Job status, progress, parameters and audio metadata', security: auth,
    request: { params: JobIdParamSchema },
    responses: { 200: json(JobStatusSchema, 'The job'), ...errorResponses(400, 401, 404, 410) },
  });
  registry.registerPath({
    method: 'get', path: '/tts/audio/{id}', operationId: 'getJobAudio', tags: ['Jobs'], summary: 'Download the audio (Range and ETag supported)', security: auth,
    request: { params: JobIdParamSchema, query: AudioQuerySchema },
    responses: {
      200: { description: 'The audio file in the job\'s format or ?format= (with ?stream=1 and a running job: chunked as synthesized)', content: audioContent() },
      206: { description: 'Requested byte range', content: audioContent() },
      304: { description: 'Not modified (If-None-Match)' },
      416: { description: 'Range not satisfiable' },
      ...errorResponses(400, 401, 404, 409, 410),
    },
  });
  registry.registerPath({
    method: 'get', path: '/tts/captions/{id}', operationId: 'getJobCaptions', tags: ['Jobs'], summary: 'Captions of the finished audio: one cue per chunk, text as written (SRT or WebVTT)', security: auth,
    request: { params: JobIdParamSchema, query: CaptionsQuerySchema },
    responses: {
      200: { description: 'The captions', content: { 'text/vtt': { schema: z.string() }, 'application/x-subrip': { schema: z.string() } } },
      ...errorResponses(400, 401, 404, 409, 410),
    },
  });
  registry.registerPath({
    method: 'get', path: '/tts/events/{id}', operationId: 'streamJobEvents', tags: ['Jobs'], summary: 'Server-Sent Events: status, progress, done (data = job status)', security: auth,
    request: { params: JobIdParamSchema },
    responses: {
      200: { description: 'Server-sent events: `event: status|progress|done`, `data:` the job status as JSON', content: { 'text/event-stream': { schema: z.string().meta({ description: 'An event stream (text/event-stream)' }) } } },
      ...errorResponses(400, 401, 404, 410),
    },
  });
  registry.registerPath({
    method: 'get', path: '/tts/jobs', operationId: 'listJobs', tags: ['Jobs'], summary: 'List jobs, newest first', security: auth,
    request: { query: JobListQuerySchema },
    responses: { 200: json(JobListSchema, 'A page of jobs'), ...errorResponses(400, 401) },
  });
  registry.registerPath({
    method: 'post', path: '/tts/jobs/{id}/cancel', operationId: 'cancelJob', tags: ['Jobs'], summary: 'Stop a queued or running job; it stays listed as CANCELLED', security: auth,
    request: { params: JobIdParamSchema },
    responses: { 200: json(JobStatusSchema, 'The cancelled job'), ...errorResponses(400, 401, 404, 409, 410) },
  });
  registry.registerPath({
    method: 'delete', path: '/tts/jobs/{id}', operationId: 'deleteJob', tags: ['Jobs'], summary: 'Cancel if running, delete record and files', security: auth,
    request: { params: JobIdParamSchema },
    responses: { 200: json(DeleteJobResponseSchema, 'Deleted'), ...errorResponses(400, 401, 404, 410) },
  });
}

function registerLexiconPaths(registry: OpenAPIRegistry): void {
  const auth = [{ bearerAuth: [] }];
  const path = '/lexicons/{language}';
  const params = LanguageParamSchema;
  registry.registerPath({ method: 'get', path, operationId: 'getLexicon', tags: ['Lexicons'], summary: "The language's pronunciation lexicon (empty when none is stored)", security: auth, request: { params }, responses: { 200: json(LexiconSchema, 'The lexicon'), ...errorResponses(400, 401) } });
  registry.registerPath({
    method: 'put', path, operationId: 'putLexicon', tags: ['Lexicons'], summary: "Replace the language's lexicon; applied to every job of that language", security: auth,
    request: { params, body: { content: { 'application/json': { schema: LexiconBodySchema } } } },
    responses: { 200: json(LexiconSchema, 'Stored'), ...errorResponses(400, 401, 413, 415) },
  });
  registry.registerPath({ method: 'delete', path, operationId: 'deleteLexicon', tags: ['Lexicons'], summary: "Delete the language's lexicon", security: auth, request: { params }, responses: { 200: json(DeletedLexiconSchema, 'Deleted'), ...errorResponses(400, 401) } });
}

function registerOtherPaths(registry: OpenAPIRegistry): void {
  const auth = [{ bearerAuth: [] }];
  registry.registerPath({ method: 'get', path: '/voices', operationId: 'listVoices', tags: ['Voices'], summary: 'Voices: the built-in default and uploaded ones', security: auth, responses: { 200: json(VoiceListSchema, 'Voices'), ...errorResponses(401) } });
  registry.registerPath({
    method: 'post', path: '/voices', operationId: 'uploadVoice', tags: ['Voices'], summary: 'Upload a reference clip (1-30 s by default)', security: auth,
    request: { body: { content: { 'multipart/form-data': { schema: VoiceUploadSchema } } } },
    responses: { 201: json(CreatedVoiceSchema, 'Stored'), ...errorResponses(400, 401, 413, 415, 422) },
  });
  registry.registerPath({
    method: 'delete', path: '/voices/{id}', operationId: 'deleteVoice', tags: ['Voices'], summary: 'Delete an uploaded voice', security: auth,
    request: { params: VoiceIdParamSchema },
    responses: { 200: json(DeletedVoiceSchema, 'Deleted'), ...errorResponses(400, 401, 404, 409) },
  });
  registry.registerPath({ method: 'get', path: '/languages', operationId: 'listLanguages', tags: ['Service'], summary: 'The 23 supported languages', security: auth, responses: { 200: json(LanguageListSchema, 'Languages') } });
  registry.registerPath({ method: 'get', path: '/health', operationId: 'getHealth', tags: ['Service'], summary: 'Liveness, readiness, model and workers', responses: { 200: json(HealthSchema, 'Health') } });
  registry.registerPath({ method: 'get', path: '/health/live', operationId: 'getLiveness', tags: ['Service'], summary: 'Liveness probe', responses: { 200: { description: 'Process is up' } } });
  registry.registerPath({ method: 'get', path: '/health/ready', operationId: 'getReadiness', tags: ['Service'], summary: 'Readiness probe (engines loaded)', responses: { 200: { description: 'Ready' }, 503: { description: 'Not ready' } } });
  registry.registerPath({
    method: 'get', path: '/metrics', operationId: 'getMetrics', tags: ['Service'], summary: 'Prometheus metrics', security: auth,
    responses: { 200: { description: 'Prometheus text format', content: { 'text/plain; version=0.0.4': { schema: z.string() } } }, ...errorResponses(401) },
  });
  registry.registerPath({
    method: 'get', path: '/openapi.json', operationId: 'getOpenApiDocument', tags: ['Service'], summary: 'This document',
    responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: z.object({}).loose() } } } },
  });
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
    tags: [
      { name: 'Jobs', description: 'Asynchronous synthesis jobs: submit, follow, download, cancel (docs/http-api.md)' },
      { name: 'Voices', description: 'The built-in voice and uploaded reference clips' },
      { name: 'Lexicons', description: 'Pronunciation fixes per language, applied by the text stage (docs/speakable-text.md)' },
      { name: 'Service', description: 'Languages, health probes, metrics, this document' },
      { name: 'OpenAI', description: 'OpenAI-compatible speech API under /v1 (docs/openai.md)' },
    ],
    info: {
      title: 'Chatterbox speech service',
      version: options.version,
      description: 'Asynchronous text-to-speech jobs with Chatterbox Multilingual (23 languages, voice cloning).',
    },
  });
}

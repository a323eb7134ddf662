/** Submit, status and audio of synthesis jobs: the flow existing clients use. */
import Router from '@koa/router';
import { ValidationError } from '../../shared/errors/validation-error.ts';
import type { AppDeps } from '../app-deps.ts';
import { sendAudio } from '../audio-response.ts';
import { streamJobAudio } from '../streaming/job-audio-stream.ts';
import { jsonBody, requireJson } from '../middleware/json-body.ts';
import { presentJob, presentSubmitted } from '../../jobs/job-view.ts';
import { parseId } from '../schemas/common.schema.ts';
import { AudioQuerySchema } from '../schemas/job.schema.ts';
import { parseInput } from '../schemas/parse-input.ts';
import { CaptionsQuerySchema } from '../schemas/speech-text.schema.ts';
import { createSynthesizeRequestSchema, IdempotencyKeySchema } from '../schemas/synthesize.schema.ts';

export function ttsRoutes(deps: AppDeps): Router {
  const router = new Router();
  const requestSchema = createSynthesizeRequestSchema(deps.config.limits.maxTextChars);

  router.post('/tts/synthesize', requireJson, jsonBody(deps.config.http.maxBodyBytes), async (ctx) => {
    const body = parseInput(requestSchema, ctx.request.body);
    const key = idempotencyKey(ctx.get('Idempotency-Key'));
    const { record, replayed } = await deps.jobs.submit(
      {
        text: body.text,
        language: body.language,
        normalize: body.normalize,
        lexicon: body.lexicon,
        voice: body.voice,
        params: {
          exaggeration: body.exaggeration,
          cfgWeight: body.cfg_weight,
          temperature: body.temperature,
          repetitionPenalty: body.repetition_penalty,
          minP: body.min_p,
          topP: body.top_p,
          seed: body.seed,
        },
        format: body.format,
        speed: body.speed,
        callbackUrl: body.callback_url ?? null,
      },
      key,
    );
    if (replayed) ctx.set('Idempotent-Replayed', 'true');
    ctx.status = 202;
    ctx.set('Location', `/tts/status/${record.id}`);
    ctx.body = presentSubmitted(record);
  });

  router.get('/tts/status/:id', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = presentJob(await deps.jobs.get(parseId(ctx.params.id)));
  });

  router.get('/tts/audio/:id', async (ctx) => {
    const id = parseId(ctx.params.id);
    const { format, stream } = parseInput(AudioQuerySchema, { format: ctx.query.format, stream: ctx.query.stream }, 'query');
    if (stream && (await streamJobAudio(ctx, deps.live, id, format))) return;
    sendAudio(ctx, id, await deps.jobs.audio(id, format));
  });

  router.get('/tts/captions/:id', async (ctx) => {
    const id = parseId(ctx.params.id);
    const { format } = parseInput(CaptionsQuerySchema, { format: ctx.query.format }, 'query');
    const captions = await deps.jobs.captions(id, format);
    ctx.type = captions.contentType;
    ctx.set('Content-Disposition', `inline; filename="${id}.${format}"`);
    ctx.body = captions.text;
  });

  return router;
}

function idempotencyKey(header: string): string | undefined {
  if (header === '') return undefined;
  if (!IdempotencyKeySchema.safeParse(header).success) {
    throw new ValidationError('Idempotency-Key must be 1-255 printable ASCII characters.', { code: 'invalid_idempotency_key', field: 'Idempotency-Key' });
  }
  return header;
}

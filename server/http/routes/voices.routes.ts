/** Reference voices: upload (multipart), list, delete. */
import Router from '@koa/router';
import { ValidationError } from '../../shared/errors/validation-error.ts';
import { DEFAULT_VOICE_ID } from '../../shared/voice.ts';
import type { AppDeps } from '../app-deps.ts';
import { voiceUpload } from '../middleware/voice-upload.ts';
import { parseId } from '../schemas/common.schema.ts';
import { parseInput } from '../schemas/parse-input.ts';
import { VoiceUploadFieldsSchema } from '../schemas/voice.schema.ts';

function iso(time: number | null): string | null {
  return time === null ? null : new Date(time).toISOString();
}

export function voicesRoutes(deps: AppDeps): Router {
  const router = new Router();

  router.get('/voices', async (ctx) => {
    const voices = await deps.voices.list();
    ctx.body = {
      voices: voices.map((voice) => ({
        id: voice.id,
        name: voice.name,
        builtin: voice.builtin,
        duration_seconds: voice.durationSeconds,
        created_at: iso(voice.createdAt),
      })),
    };
  });

  router.post('/voices', voiceUpload(deps.config.limits.voiceMaxBytes), async (ctx) => {
    const fields = parseInput(VoiceUploadFieldsSchema, ctx.request.body ?? {}, 'form');
    const file = ctx.file;
    if (file === undefined) throw new ValidationError('Attach the reference clip in the form field "file".', { code: 'missing_file', field: 'file' });
    const record = await deps.voices.create({ bytes: file.buffer, name: fields.name, fileName: file.originalname });
    ctx.status = 201;
    ctx.set('Location', `/voices/${record.id}`);
    ctx.body = { id: record.id, name: record.name, duration_seconds: record.durationSeconds, created_at: iso(record.createdAt) };
  });

  router.delete('/voices/:id', async (ctx) => {
    const raw = ctx.params.id;
    const id = raw === DEFAULT_VOICE_ID ? raw : parseId(raw);
    await deps.voices.remove(id);
    ctx.body = { id, deleted: true };
  });

  return router;
}

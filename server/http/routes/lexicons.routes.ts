/** Pronunciation lexicons, one per language: read, replace, delete. */
import Router from '@koa/router';
import type { LanguageCode } from '../../shared/languages.ts';
import type { AppDeps } from '../app-deps.ts';
import { jsonBody, requireJson } from '../middleware/json-body.ts';
import { parseInput } from '../schemas/parse-input.ts';
import { LanguageParamSchema, LexiconBodySchema } from '../schemas/speech-text.schema.ts';

export function lexiconsRoutes(deps: AppDeps): Router {
  const router = new Router();
  const language = (raw: unknown): LanguageCode => parseInput(LanguageParamSchema, { language: raw }, 'path').language;

  router.get('/lexicons/:language', async (ctx) => {
    const code = language(ctx.params.language);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { language: code, entries: await deps.lexicons.get(code) };
  });

  router.put('/lexicons/:language', requireJson, jsonBody(deps.config.http.maxBodyBytes), async (ctx) => {
    const code = language(ctx.params.language);
    const body = parseInput(LexiconBodySchema, ctx.request.body);
    ctx.body = { language: code, entries: await deps.lexicons.put(code, body.entries) };
  });

  router.delete('/lexicons/:language', async (ctx) => {
    const code = language(ctx.params.language);
    ctx.body = { language: code, deleted: await deps.lexicons.delete(code) };
  });

  return router;
}

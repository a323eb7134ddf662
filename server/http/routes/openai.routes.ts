/** The OpenAI-compatible /v1 routes (docs/openai.md): speech, models, voices, with OpenAI-shaped errors. */
import Router from '@koa/router';
import type { AppDeps } from '../app-deps.ts';
import { renderErrors } from '../middleware/error-handler.ts';
import { openAiErrorBody } from '../openai/openai-errors.ts';
import { registerModelRoutes } from '../openai/models.route.ts';
import { registerSpeechRoute } from '../openai/speech.route.ts';

export function openAiRoutes(deps: AppDeps): Router {
  const router = new Router();
  router.use(renderErrors({ logger: deps.logger, metrics: deps.metrics, body: openAiErrorBody }));
  registerSpeechRoute(router, {
    jobs: deps.jobs,
    live: deps.live,
    voiceResolver: deps.voiceResolver,
    logger: deps.logger,
    maxTextChars: deps.config.limits.maxTextChars,
    maxBodyBytes: deps.config.http.maxBodyBytes,
  });
  registerModelRoutes(router, { voices: deps.voices, voiceResolver: deps.voiceResolver });
  return router;
}

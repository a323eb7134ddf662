/** The OpenAI-compatible /v1 routes (docs/openai.md): speech, models, voices, with OpenAI-shaped errors. */
import Router from '@koa/router';
import type { AppDeps } from '../app-deps.ts';
import { registerModelRoutes } from '../openai/models.route.ts';
import { registerSpeechRoute } from '../openai/speech.route.ts';
import { openAiVoiceAliases, VoiceResolver } from '../openai/voice-aliases.ts';

export function openAiRoutes(deps: AppDeps): Router {
  const router = new Router();
  const voiceResolver = new VoiceResolver(deps.voices, openAiVoiceAliases(deps.config.openai.voiceAliases));
  registerSpeechRoute(router, {
    jobs: deps.jobs,
    live: deps.live,
    voiceResolver,
    logger: deps.logger,
    maxTextChars: deps.config.limits.maxTextChars,
    maxBodyBytes: deps.config.http.maxBodyBytes,
    strict: deps.config.openai.strict,
  });
  registerModelRoutes(router, { voices: deps.voices, voiceResolver });
  return router;
}

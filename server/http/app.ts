/**
 * The Koa application: middleware, each with one job, in the order a request meets them,
 * then the routers. server/composition/ builds the services and the HTTP server around it.
 */
import Koa from 'koa';
import type Router from '@koa/router';
import type { AppDeps } from './app-deps.ts';
import { accessLog } from './middleware/access-log.ts';
import { bearerAuth } from './middleware/auth.ts';
import { corsPolicy } from './middleware/cors.ts';
import { renderErrors } from './middleware/error-handler.ts';
import { requestContext } from './middleware/request-context.ts';
import { errorBodyByPath } from './openai/openai-errors.ts';
import { eventsRoutes } from './routes/events.routes.ts';
import { jobsRoutes } from './routes/jobs.routes.ts';
import { lexiconsRoutes } from './routes/lexicons.routes.ts';
import { openAiRoutes } from './routes/openai.routes.ts';
import { serviceRoutes } from './routes/service.routes.ts';
import { ttsRoutes } from './routes/tts.routes.ts';
import { createUiRouter } from './routes/ui.routes.ts';
import { voicesRoutes } from './routes/voices.routes.ts';
import { buildOpenApiDocument } from './schemas/openapi-document.ts';

export type { AppDeps } from './app-deps.ts';

/** Version shown in the OpenAPI document. */
const API_VERSION = '1.0.0';

export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  // Errors escaping the error handler (a file stream failing mid-response) end up here.
  app.on('error', (error: NodeJS.ErrnoException) => {
    // A client that hangs up mid-download is normal, not worth a warning.
    const hangUp = error.code === 'ERR_STREAM_PREMATURE_CLOSE' || error.code === 'ECONNRESET' || error.code === 'EPIPE';
    deps.logger[hangUp ? 'debug' : 'warn']({ err: error }, 'response stream error');
  });

  app.use(requestContext(deps.logger));
  app.use(accessLog(deps.logger, deps.metrics));
  app.use(renderErrors({ logger: deps.logger, metrics: deps.metrics, body: errorBodyByPath }));
  const cors = corsPolicy(deps.config.http.corsOrigins);
  if (cors !== undefined) app.use(cors);
  app.use(bearerAuth(deps.config.http.apiKeys));

  let openApi: object | undefined;
  const openApiDocument = (): object => (openApi ??= buildOpenApiDocument({ maxTextChars: deps.config.limits.maxTextChars, version: API_VERSION }));
  const routers: Router[] = [
    ttsRoutes(deps),
    eventsRoutes(deps),
    jobsRoutes(deps),
    voicesRoutes(deps),
    lexiconsRoutes(deps),
    serviceRoutes(deps, openApiDocument),
    // Web test client (server/http/ui/, owned by the UI module).
    createUiRouter(),
    openAiRoutes(deps),
  ];
  for (const router of routers) {
    app.use(router.routes());
    app.use(router.allowedMethods({ throw: true }));
  }
  return app;
}

/** Listing, cancelling and deleting jobs. */
import Router from '@koa/router';
import type { AppDeps } from '../app-deps.ts';
import { presentJob } from '../../jobs/job-view.ts';
import { parseId } from '../schemas/common.schema.ts';
import { JobListQuerySchema } from '../schemas/job.schema.ts';
import { parseInput } from '../schemas/parse-input.ts';

export function jobsRoutes(deps: AppDeps): Router {
  const router = new Router();

  router.get('/tts/jobs', async (ctx) => {
    const query = parseInput(JobListQuerySchema, ctx.query, 'query');
    const page = await deps.jobs.list(query);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { jobs: page.records.map(presentJob), next_cursor: page.nextCursor };
  });

  router.post('/tts/jobs/:id/cancel', async (ctx) => {
    ctx.body = presentJob(await deps.jobs.cancel(parseId(ctx.params.id)));
  });

  router.delete('/tts/jobs/:id', async (ctx) => {
    const { id, status } = await deps.jobs.delete(parseId(ctx.params.id));
    ctx.body = { chatterbox_id: id, deleted: true, status };
  });

  return router;
}

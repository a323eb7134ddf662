/** Languages, health probes, Prometheus metrics, the OpenAPI document. */
import Router from '@koa/router';
import { LANGUAGE_NOTES, LANGUAGES, type LanguageCode } from '../../shared/languages.ts';
import type { AppDeps } from '../app-deps.ts';
import type { HealthReport } from '../../jobs/service-health.ts';

const BYTES_PER_MEBIBYTE = 1024 * 1024;

function presentHealth(report: HealthReport): object {
  return {
    status: report.status,
    live: true,
    ready: report.ready,
    model: report.model,
    workers: report.workers.map((worker) => ({
      index: worker.index,
      device: worker.device,
      state: worker.state,
      current_job: worker.currentJobId,
      jobs_done: worker.jobsDone,
      error: worker.error?.message ?? null,
      // Scale-out: an API process lists the engines of every worker process, with where they run.
      ...processOf(worker),
    })),
    queue: { depth: report.queueDepth, error: report.queueError },
    disk: {
      free_mb: report.disk.freeBytes === null ? null : Math.floor(report.disk.freeBytes / BYTES_PER_MEBIBYTE),
      min_free_mb: Math.floor(report.disk.minFreeBytes / BYTES_PER_MEBIBYTE),
      error: report.disk.error,
    },
    uptime_seconds: Math.round(report.uptimeSeconds),
  };
}

function processOf(worker: object): { host?: string; pid?: number } {
  const { host, pid } = worker as { host?: string; pid?: number };
  return host === undefined ? {} : { host, pid };
}

export function serviceRoutes(deps: AppDeps, openApiDocument: () => object): Router {
  const router = new Router();
  const languages = Object.entries(LANGUAGES).map(([code, name]) => {
    const note = LANGUAGE_NOTES[code as LanguageCode];
    return note === undefined ? { code, name } : { code, name, note };
  });

  router.get('/languages', (ctx) => {
    ctx.body = { languages };
  });

  router.get('/health', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    const report = await deps.health.report();
    // Without a key: up/ready and nothing else (no running job ids, worker hosts or pids).
    ctx.body = ctx.state.authenticated === false ? { status: report.status, live: true, ready: report.ready } : presentHealth(report);
  });

  router.get('/health/live', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { live: true };
  });

  router.get('/health/ready', async (ctx) => {
    const report = await deps.health.report();
    ctx.set('Cache-Control', 'no-store');
    ctx.status = report.ready ? 200 : 503;
    ctx.body = { ready: report.ready, status: report.status, error: report.model.error ?? report.queueError };
  });

  router.get('/metrics', async (ctx) => {
    const report = await deps.health.report();
    deps.metrics.queueDepth.set(report.queueDepth);
    deps.metrics.workersReady.set(report.workers.filter((worker) => worker.state === 'ready' || worker.state === 'busy').length);
    deps.metrics.workersBusy.set(report.workers.filter((worker) => worker.state === 'busy').length);
    const registry = deps.deploymentMetrics === undefined ? deps.metrics.registry : await deps.deploymentMetrics(report);
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });

  router.get('/openapi.json', (ctx) => {
    ctx.body = openApiDocument();
  });

  return router;
}

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Buckets for synthesis wall time: from a short sentence on a GPU to a long text on a CPU. */
const JOB_DURATION_BUCKETS_S = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];
/** Real-time factor = compute seconds / audio seconds (a ratio); below 1 is faster than real time. */
const RTF_BUCKETS = [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 4, 8, 16, 32];
const HTTP_DURATION_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];

/** What chatterbox_build_info labels: the service version and the model this process runs. */
export interface BuildInfo {
  version: string;
  model: string;
}

export interface ServiceMetrics {
  registry: Registry;
  jobsSubmitted: Counter;
  jobsFinished: Counter<'status'>;
  jobErrors: Counter<'code'>;
  jobDuration: Histogram;
  queueWait: Histogram;
  realTimeFactor: Histogram;
  audioSeconds: Counter;
  queueDepth: Gauge;
  workersBusy: Gauge;
  workersReady: Gauge;
  httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
  httpErrors: Counter<'code' | 'status'>;
}

/**
 * One registry per service instance, so several servers can run in one test process. Node's
 * default metrics keep their standard names (process_*, nodejs_*) so stock dashboards work.
 */
export function createMetrics(build: BuildInfo = { version: 'unknown', model: 'unknown' }): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  // Always 1; the labels are the information (Prometheus' *_build_info convention). max: one series per build across processes.
  new Gauge({ name: 'chatterbox_build_info', help: 'Version, model and Node.js of this process (value 1)', labelNames: ['version', 'model', 'node'], aggregator: 'max', registers })
    .set({ version: build.version, model: build.model, node: process.version }, 1);
  return {
    registry,
    jobsSubmitted: new Counter({ name: 'chatterbox_jobs_submitted_total', help: 'Jobs accepted', registers }),
    jobsFinished: new Counter({
      name: 'chatterbox_jobs_finished_total',
      help: 'Jobs that reached a final status',
      labelNames: ['status'],
      registers,
    }),
    jobErrors: new Counter({
      name: 'chatterbox_job_errors_total',
      help: 'Failed jobs by error code',
      labelNames: ['code'],
      registers,
    }),
    jobDuration: new Histogram({
      name: 'chatterbox_job_duration_seconds',
      help: 'Synthesis wall time per job, from PROCESSING to COMPLETE',
      buckets: JOB_DURATION_BUCKETS_S,
      registers,
    }),
    queueWait: new Histogram({
      name: 'chatterbox_job_queue_wait_seconds',
      help: 'Time from submit to PROCESSING',
      buckets: JOB_DURATION_BUCKETS_S,
      registers,
    }),
    realTimeFactor: new Histogram({
      name: 'chatterbox_job_real_time_factor_ratio',
      help: 'Synthesis seconds per second of audio (lower is faster)',
      buckets: RTF_BUCKETS,
      registers,
    }),
    audioSeconds: new Counter({ name: 'chatterbox_audio_seconds_total', help: 'Seconds of audio produced', registers }),
    queueDepth: new Gauge({ name: 'chatterbox_queue_depth', help: 'Jobs waiting for a worker', registers }),
    workersBusy: new Gauge({ name: 'chatterbox_workers_busy', help: 'Workers synthesizing now', registers }),
    workersReady: new Gauge({ name: 'chatterbox_workers_ready', help: 'Workers with a loaded engine', registers }),
    httpRequestDuration: new Histogram({
      name: 'chatterbox_http_request_duration_seconds',
      help: 'HTTP request handling time',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_DURATION_BUCKETS_S,
      registers,
    }),
    httpErrors: new Counter({
      name: 'chatterbox_http_errors_total',
      help: 'Error responses by code',
      labelNames: ['code', 'status'],
      registers,
    }),
  };
}

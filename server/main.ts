/**
 * Composition root: parse config, build stores, services, HTTP server and worker pool,
 * start them in order and stop them in reverse. `start()` is what tests call (port 0,
 * a temp data dir, an injected clock); run as a script it serves until SIGTERM/SIGINT.
 * CHATTERBOX_ROLE picks the parts: all (HTTP and engines), api (HTTP), worker (engines);
 * with CHATTERBOX_QUEUE=redis the queue, events and locks come from scale-out.ts.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { Config } from './config/config.ts';
import { loadConfig } from './config/load-config.ts';
import { ConversionPool } from './audio/conversion/conversion-pool.ts';
import { createApp } from './http/app.ts';
import type { JobEventBus } from './jobs/events/job-event-bus.ts';
import { LocalEventBus } from './jobs/events/local-event-bus.ts';
import { JobService } from './jobs/job-service.ts';
import { KeyedMutex } from './jobs/keyed-mutex.ts';
import { LocalJobQueue } from './jobs/queue/local-job-queue.ts';
import type { CallbackClaims } from './jobs/cluster/callback-claim.ts';
import { jobRepair } from './jobs/cluster/cluster-job-repair.ts';
import { recoverClusterJobs } from './jobs/cluster/cluster-recovery.ts';
import type { JobQueue } from './jobs/queue/job-queue.ts';
import { recoverJobs } from './jobs/recovery.ts';
import { RetentionSweeper } from './jobs/retention-sweeper.ts';
import { ServiceHealth } from './jobs/service-health.ts';
import { VoiceService } from './jobs/voice-service.ts';
import { dataDirLayout, ensureDataDir } from './storage/data-dir.ts';
import type { KeyvFactory } from './storage/keyv-factory.ts';
import { KeyvJobStore } from './storage/keyv-job-store.ts';
import { openKeyvFactory } from './storage/open-keyv-factory.ts';
import { KeyvVoiceStore } from './storage/voice-store.ts';
import { systemClock, type Clock } from './shared/clock.ts';
import { ConfigError } from './shared/errors/config-error.ts';
import { createLogger, type Logger } from './shared/logger.ts';
import { createMetrics } from './shared/metrics.ts';
import { callbackUrlCheck, createStreamAndCallbacks, type StreamAndCallbacks } from './stream-and-callbacks.ts';
import { connectScaleOut, type ScaleOut } from './scale-out.ts';
import { noEngines, startEngines, type Engines } from './start-engines.ts';

export interface StartOptions {
  /** @defaultValue parsed from process.env */
  config?: Config;
  /** Environment to parse when no config is given. @defaultValue process.env */
  env?: NodeJS.ProcessEnv;
  /** @defaultValue the system clock */
  clock?: Clock;
  /** @defaultValue pino at the configured level */
  logger?: Logger;
}

export interface RunningServer {
  config: Config;
  /** Base URL, e.g. http://127.0.0.1:8123 (the real port when started with port 0); empty for role worker. */
  url: string;
  /** 0 for role worker, which serves no HTTP. */
  port: number;
  jobs: JobService;
  voices: VoiceService;
  health: ServiceHealth;
  sweeper: RetentionSweeper;
  bus: JobEventBus;
  /** Resolves when every worker has loaded its engine (at once for role api); rejects if the model cannot be loaded. */
  ready: Promise<void>;
  /** Drains running jobs (up to the shutdown grace), then closes everything. Idempotent. */
  stop(): Promise<void>;
}

/** Conditioning caches are per model; the key names the model in cache file names. */
function modelKey(model: string): string {
  return /^[a-z0-9-]+$/.test(model) ? model : `folder-${createHash('sha256').update(model).digest('hex').slice(0, 12)}`;
}

export async function start(options: StartOptions = {}): Promise<RunningServer> {
  const config = options.config ?? loadConfigOrExplain(options.env);
  const clock = options.clock ?? systemClock;
  const { role } = config.deployment;
  const logger = (options.logger ?? createLogger(config.logLevel, { journalStream: config.journalStream })).child({ role });
  const core = await buildCore(config, clock, logger);
  const { jobs, voices, health, bus, metrics, sweeper, keyv, push, scaleOut, claims, conversions } = core;
  const engines = role === 'api' ? noEngines() : startEngines({ ...core, config, logger, clock });
  const deploymentMetrics = await scaleOut?.join({ metrics, health, state: engines.state });
  const { live, voiceResolver } = push;
  const server = role === 'worker' ? undefined : createServer(createApp({ config, jobs, voices, bus, health, metrics, logger, live, voiceResolver, deploymentMetrics }).callback());
  if (server !== undefined) await listen(server, config);
  const port = server === undefined ? 0 : (server.address() as AddressInfo).port;
  if (role !== 'worker') {
    sweeper.start();
    void sweeper.sweep().catch((error: unknown) => logger.error({ err: error }, 'retention sweep failed'));
    logger.info({ port, host: config.http.host, model: config.model.name, devices: config.model.devices, auth: config.http.apiKeys.length > 0 }, 'chatterbox listening');
  }
  if (role !== 'api') engines.ready.then(() => logger.info({ model: config.model.name, devices: config.model.devices }, 'engines ready'), () => undefined);
  const stop = once(() => shutdown({ server, engines, sweeper, bus, keyv, config, logger, push, scaleOut, claims, conversions }));
  const url = server === undefined ? '' : `http://${urlHost(config.http.host)}:${port}`;
  return { config, url, port, jobs, voices, health, sweeper, bus, ready: engines.ready, stop };
}

/** Stores, queue, bus and services, with interrupted jobs already back in the queue. */
async function buildCore(config: Config, clock: Clock, logger: Logger) {
  const { role, redisPrefix } = config.deployment;
  const metrics = createMetrics();
  const layout = dataDirLayout(config.dataDir);
  await ensureDataDir(layout);
  const keyv = await openKeyvFactory(config.store.location, { defaultSqliteFile: layout.database, redisPrefix, postgresTable: config.store.table });
  const scaleOut = config.deployment.queue === 'redis' ? await connectScaleOut({ ...config.deployment, maxAttempts: config.jobs.maxAttempts }, clock, logger) : undefined;
  const store = new KeyvJobStore(keyv, scaleOut?.index);
  // A worker process takes jobs from the shared queue and needs no records up front.
  const records = role === 'worker' ? [] : await store.open();
  const bus = scaleOut?.bus ?? new LocalEventBus((error) => logger.error({ err: error }, 'event listener failed'));
  const lock = scaleOut?.lock ?? new KeyedMutex();
  const sharedQueue = scaleOut?.createQueue(jobRepair({ store, lock, bus, clock, metrics, logger }));
  const queue: JobQueue = sharedQueue ?? new LocalJobQueue((jobId, error) => logger.error({ err: error, jobId }, 'job handler crashed'));
  const health = new ServiceHealth(config.model.name, queue, clock);
  const voiceStore = new KeyvVoiceStore(keyv);
  const voices = new VoiceService({ store: voiceStore, layout, clock, limits: config.limits, modelKey: modelKey(config.model.name), logger });
  const conversions = new ConversionPool();
  const jobs = new JobService({
    store, queue, bus, voices, lock, clock, metrics,
    audioDir: layout.audio,
    convert: conversions.convert,
    limits: { ...config.limits, retentionMs: config.jobs.retentionMs, idempotencyTtlMs: config.jobs.idempotencyTtlMs },
    modelError: () => health.fatalError(),
    checkCallbackUrl: callbackUrlCheck(config),
  });
  const repairOptions = { store, lock, clock, logger, audioDir: layout.audio, voicesDir: layout.voices };
  if (sharedQueue === undefined) await recoverJobs(records, { ...repairOptions, queue });
  else if (role !== 'worker') await recoverClusterJobs(records, { ...repairOptions, queue: sharedQueue });
  const claims = scaleOut?.callbackClaims(callbackDeliveryMs(config));
  const push = createStreamAndCallbacks({ config, store, bus, lock, clock, logger, jobs, voices, claimCallback: claims?.claim });
  // Callbacks and live audio are served by processes with HTTP; workers only publish events.
  if (role !== 'worker') push.start(records);
  const sweeper = new RetentionSweeper({ store, jobs, clock, logger, retentionMs: config.jobs.retentionMs, intervalMs: config.jobs.sweepIntervalMs });
  return { metrics, keyv, store, queue, bus, lock, health, voices, jobs, conversions, sweeper, push, scaleOut, claims, audioDir: layout.audio };
}

/** Longest a callback delivery with all its retries may take (how long a claim on it lasts). */
function callbackDeliveryMs(config: Config): number {
  const { maxAttempts, timeoutMs, retryMaxMs } = config.callbacks;
  return maxAttempts * (timeoutMs + retryMaxMs);
}

interface ShutdownDeps {
  server: Server | undefined;
  engines: Engines;
  sweeper: RetentionSweeper;
  bus: JobEventBus;
  keyv: KeyvFactory;
  config: Config;
  logger: Logger;
  push: StreamAndCallbacks;
  scaleOut: ScaleOut | undefined;
  claims: CallbackClaims | undefined;
  conversions: ConversionPool;
}

async function shutdown(deps: ShutdownDeps): Promise<void> {
  deps.logger.info('shutting down: draining running jobs');
  const { server } = deps;
  const closed = new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
  server?.closeIdleConnections();
  await deps.sweeper.stop();
  await deps.engines.stop(deps.config.jobs.shutdownGraceMs);
  // Callbacks still retrying stay pending in their jobs and resume at the next start.
  await deps.push.close();
  // Another process of the deployment may resume them right away.
  await deps.claims?.releaseAll();
  // Open event streams and slow downloads end here; their clients reconnect to the next process.
  server?.closeAllConnections();
  await closed;
  await deps.conversions.close();
  await deps.bus.close();
  await deps.scaleOut?.close();
  await deps.keyv.close();
  deps.logger.info('stopped');
}

function listen(server: Server, config: Config): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.http.port, config.http.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function once<T>(action: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= action());
}

function loadConfigOrExplain(env?: NodeJS.ProcessEnv): Config {
  const { config, warnings } = loadConfig(env);
  const logger = createLogger(config.logLevel, { journalStream: config.journalStream });
  for (const warning of warnings) logger.warn(warning);
  return config;
}

/** Stops a server started with start(); same as `server.stop()`. */
export function stop(server: RunningServer): Promise<void> {
  return server.stop();
}

async function runCli(): Promise<void> {
  let server: RunningServer;
  try {
    server = await start();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Port in use: ${(error as Error).message}. Set CHATTERBOX_PORT to a free port.`);
      process.exit(2);
    }
    throw error;
  }
  process.on('unhandledRejection', (reason) => console.error('unhandled promise rejection (kept running):', reason));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1); // a second signal skips the drain
    stopping = true;
    void server.stop().then(() => process.exit(0), (error: unknown) => {
      console.error(`shutdown after ${signal} failed:`, error);
      process.exit(1);
    });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // No top-level await: tests load this module through tsx's CommonJS path.
  runCli().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

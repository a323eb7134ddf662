/**
 * Composition root: parse the config, open storage, pick the coordination CHATTERBOX_QUEUE
 * names, then build and start what CHATTERBOX_ROLE runs (composition/roles.ts), stopping it
 * in reverse. `start()` is what tests call (port 0, a temp data dir, an injected clock); run
 * as a script it serves until SIGTERM/SIGINT.
 */
import { pathToFileURL } from 'node:url';
import type { Config } from './config/config.ts';
import { loadConfig } from './config/load-config.ts';
import type { CoordinationFactory } from './composition/coordination.ts';
import { createLocalCoordination } from './composition/local-coordination.ts';
import { connectRedisCoordination } from './composition/redis-coordination.ts';
import { ROLES } from './composition/roles.ts';
import { buildServices } from './composition/services.ts';
import type { JobEventBus } from './jobs/events/job-event-bus.ts';
import type { JobService } from './jobs/job-service.ts';
import type { RetentionSweeper } from './jobs/retention-sweeper.ts';
import type { ServiceHealth } from './jobs/service-health.ts';
import type { VoiceService } from './jobs/voice-service.ts';
import { dataDirLayout, ensureDataDir } from './storage/data-dir.ts';
import { openKeyvFactory } from './storage/open-keyv-factory.ts';
import { systemClock, type Clock } from './shared/clock.ts';
import { ConfigError } from './shared/errors/config-error.ts';
import { createLogger, type Logger } from './shared/logger.ts';
import { createMetrics } from './shared/metrics.ts';
import { serviceVersion } from './shared/runtime-paths.ts';

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

/** One process alone, or the processes of a deployment sharing jobs through Redis. */
const COORDINATIONS: Readonly<Record<Config['deployment']['queue'], CoordinationFactory>> = {
  local: createLocalCoordination,
  redis: connectRedisCoordination,
};

export async function start(options: StartOptions = {}): Promise<RunningServer> {
  const config = options.config ?? loadConfigOrExplain(options.env);
  const clock = options.clock ?? systemClock;
  const { role, redisPrefix } = config.deployment;
  const logger = (options.logger ?? createLogger(config.logLevel, { journalStream: config.journalStream })).child({ role });
  const metrics = createMetrics({ version: serviceVersion(), model: config.model.name });
  const layout = dataDirLayout(config.dataDir);
  await ensureDataDir(layout);
  const keyv = await openKeyvFactory(config.store.location, { defaultSqliteFile: layout.database, redisPrefix, postgresTable: config.store.table });
  const coordination = await COORDINATIONS[config.deployment.queue](config, { clock, logger, metrics });
  const engines = ROLES[role].engines({ config, logger, coordination });
  await coordination.join(() => engines.state());
  const parts = { config, clock, logger, metrics, layout, keyv, coordination, engines };
  const services = buildServices(parts);
  const { store, voices, jobs, health, sweeper, conversions } = services;
  const { queue, bus, lock } = coordination;
  engines.consume({ store, queue, bus, lock, voices, clock, metrics, logger, audioDir: layout.audio });
  const front = await ROLES[role].front({ ...parts, ...services });
  const stop = once(async () => {
    logger.info('shutting down: draining running jobs');
    await front.stopAccepting();
    await engines.stop(config.jobs.shutdownGraceMs);
    await front.close();
    await conversions.close();
    await coordination.close();
    await keyv.close();
    logger.info('stopped');
  });
  return { config, url: front.url, port: front.port, jobs, voices, health, sweeper, bus, ready: engines.loaded, stop };
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

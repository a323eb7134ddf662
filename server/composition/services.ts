/**
 * The job and voice services, built in dependency order over the coordination and the
 * engines. Every process builds them; which of them it runs depends on its role (roles.ts).
 */
import { createHash } from 'node:crypto';
import { ConversionPool } from '../audio/conversion/conversion-pool.ts';
import type { Config } from '../config/config.ts';
import { JobService } from '../jobs/job-service.ts';
import { LexiconService } from '../jobs/lexicon-service.ts';
import { RetentionSweeper } from '../jobs/retention-sweeper.ts';
import { ServiceHealth } from '../jobs/service-health.ts';
import { VoiceService } from '../jobs/voice-service.ts';
import type { DataDirLayout } from '../storage/data-dir.ts';
import { freeDiskBytes } from '../storage/disk-space.ts';
import type { KeyvFactory } from '../storage/keyv-factory.ts';
import { KeyvJobStore } from '../storage/keyv-job-store.ts';
import { KeyvLexiconStore } from '../storage/lexicon-store.ts';
import { KeyvVoiceStore } from '../storage/voice-store.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import type { ServiceMetrics } from '../shared/metrics.ts';
import type { Coordination } from './coordination.ts';
import type { Engines } from './engines.ts';
import { callbackUrlCheck } from './stream-and-callbacks.ts';

export interface ServiceParts {
  config: Config;
  clock: Clock;
  logger: Logger;
  metrics: ServiceMetrics;
  layout: DataDirLayout;
  keyv: KeyvFactory;
  coordination: Coordination;
  engines: Engines;
}

export interface Services {
  store: KeyvJobStore;
  health: ServiceHealth;
  voices: VoiceService;
  lexicons: LexiconService;
  jobs: JobService;
  sweeper: RetentionSweeper;
  /** Format conversion threads for ?format= downloads. */
  conversions: ConversionPool;
}

export function buildServices({ config, clock, logger, metrics, layout, keyv, coordination, engines }: ServiceParts): Services {
  const { queue, bus, lock } = coordination;
  const store = new KeyvJobStore(keyv, coordination.jobIndex);
  const disk = { freeBytes: () => freeDiskBytes(config.dataDir), minFreeBytes: config.limits.minFreeDiskBytes };
  const health = new ServiceHealth({ modelName: config.model.name, queue, engines, clock, disk, queueOutage: coordination.outage });
  const voiceStore = new KeyvVoiceStore(keyv);
  const conversions = new ConversionPool();
  const voices = new VoiceService({
    store: voiceStore, layout, clock, limits: config.limits, modelKey: modelKey(config.model.name), logger, preparer: engines, probe: conversions.probeClip,
  });
  const lexicons = new LexiconService(new KeyvLexiconStore(keyv));
  const jobs = new JobService({
    store, queue, bus, voices, lexicons, lock, clock, metrics,
    speechOptions: config.text,
    audioDir: layout.audio,
    convert: conversions.convert,
    limits: { ...config.limits, retentionMs: config.jobs.retentionMs, idempotencyTtlMs: config.jobs.idempotencyTtlMs },
    modelError: () => health.fatalError(),
    queueOutage: () => health.queueError(),
    checkCallbackUrl: callbackUrlCheck(config),
  });
  const { retentionMs, openAiRetentionMs, sweepIntervalMs } = config.jobs;
  const sweeper = new RetentionSweeper({ store, jobs, clock, logger, retentionMs, openAiRetentionMs, intervalMs: sweepIntervalMs });
  return { store, health, voices, lexicons, jobs, sweeper, conversions };
}

/** Conditioning caches are per model; the key names the model in cache file names. */
function modelKey(model: string): string {
  return /^[a-z0-9-]+$/.test(model) ? model : `folder-${createHash('sha256').update(model).digest('hex').slice(0, 12)}`;
}

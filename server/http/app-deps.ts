import type { Config } from '../config/config.ts';
import type { JobEventBus } from '../jobs/events/job-event-bus.ts';
import type { JobService } from '../jobs/job-service.ts';
import type { LexiconService } from '../jobs/lexicon-service.ts';
import type { LiveAudioService } from '../jobs/streaming/live-audio.ts';
import type { HealthReport, ServiceHealth } from '../jobs/service-health.ts';
import type { VoiceService } from '../jobs/voice-service.ts';
import type { Registry } from 'prom-client';
import type { Logger } from '../shared/logger.ts';
import type { ServiceMetrics } from '../shared/metrics.ts';

/** Everything the HTTP layer uses; the composition (server/composition/) builds it. Routes call services, never storage. */
export interface AppDeps {
  config: Config;
  jobs: JobService;
  voices: VoiceService;
  /** Stored pronunciation lexicons (GET/PUT/DELETE /lexicons/{language}). */
  lexicons: LexiconService;
  bus: JobEventBus;
  health: ServiceHealth;
  metrics: ServiceMetrics;
  logger: Logger;
  /** Audio of running jobs as it is synthesized (?stream=1, /v1/audio/speech). */
  live: LiveAudioService;
  /** Scale-out: /metrics of the whole deployment (every process's registry). @defaultValue this process's registry */
  deploymentMetrics?: (report: HealthReport) => Promise<Registry>;
}

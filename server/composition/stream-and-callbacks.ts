/**
 * The services a process with HTTP adds on top of the jobs: live audio of running jobs
 * (?stream=1, /v1/audio/speech) and callbacks; built and started in one
 * place, closed in reverse.
 */
import { CallbackDispatcher } from '../jobs/callbacks/callback-dispatcher.ts';
import { assertCallbackTarget, type CallbackTargetPolicy } from '../jobs/callbacks/callback-target-policy.ts';
import type { JobEventBus } from '../jobs/events/job-event-bus.ts';
import type { JobService } from '../jobs/job-service.ts';
import type { KeyedMutex } from '../jobs/keyed-mutex.ts';
import { ChunkJournal } from '../jobs/streaming/chunk-journal.ts';
import { LiveAudioService } from '../jobs/streaming/live-audio.ts';
import type { Config } from '../config/config.ts';
import { isLoopbackHost } from '../config/load-config.ts';
import type { JobStore } from '../storage/job-store.ts';
import type { Clock } from '../shared/clock.ts';
import type { JobRecord } from '../shared/job.ts';
import type { Logger } from '../shared/logger.ts';

export interface StreamAndCallbacks {
  live: LiveAudioService;
  callbacks: CallbackDispatcher;
  /** Starts listening to the bus and resumes callbacks a previous run left pending. */
  start(records: readonly JobRecord[]): void;
  close(): Promise<void>;
}

export function callbackPolicy(config: Config): CallbackTargetPolicy {
  // A loopback service without keys is only reachable from this machine: its callers may call back to it (n8n beside it).
  const allowLoopback = isLoopbackHost(config.http.host) && config.http.apiKeys.length === 0;
  return { allowedHosts: config.callbacks.allowedHosts, denyPrivateAddresses: config.callbacks.denyPrivateAddresses, allowLoopback };
}

/** For JobService: refuses a callback_url outside the policy at submit time (400). */
export function callbackUrlCheck(config: Config): (url: string) => void {
  const policy = callbackPolicy(config);
  return (url) => void assertCallbackTarget(url, policy);
}

export interface StreamAndCallbackDeps {
  config: Config;
  store: JobStore;
  bus: JobEventBus;
  lock: KeyedMutex;
  clock: Clock;
  logger: Logger;
  jobs: JobService;
  /** Lets one process of the deployment deliver each callback. */
  claimCallback: (jobId: string) => Promise<boolean>;
}

export function createStreamAndCallbacks(deps: StreamAndCallbackDeps): StreamAndCallbacks {
  const { config } = deps;
  const journal = new ChunkJournal(deps.bus);
  const callbacks = new CallbackDispatcher({
    store: deps.store,
    bus: deps.bus,
    lock: deps.lock,
    clock: deps.clock,
    logger: deps.logger,
    policy: callbackPolicy(config),
    secret: config.callbacks.secret,
    maxAttempts: config.callbacks.maxAttempts,
    retryBaseMs: config.callbacks.retryBaseMs,
    retryMaxMs: config.callbacks.retryMaxMs,
    timeoutMs: config.callbacks.timeoutMs,
    claim: deps.claimCallback,
  });
  return {
    live: new LiveAudioService(deps.jobs, journal, deps.logger),
    callbacks,
    start(records) {
      journal.start();
      callbacks.start();
      const resumed = callbacks.resume(records);
      if (resumed > 0) deps.logger.info({ resumed }, 'resuming callbacks left pending');
    },
    async close() {
      await callbacks.close();
      journal.close();
    },
  };
}

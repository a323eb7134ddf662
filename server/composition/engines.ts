/**
 * What a process sees of the engines that run its jobs: a view for /health, a voice
 * preparer, the state it tells the deployment, and a consumer of the queue. Roles all and
 * worker run their own (local-engines.ts); role api uses the deployment's workers.
 */
import type { Config } from '../config/config.ts';
import type { MemberState } from '../jobs/cluster/cluster-presence.ts';
import type { JobRunnerOptions } from '../jobs/job-runner.ts';
import type { EngineView } from '../jobs/service-health.ts';
import type { VoicePreparer } from '../jobs/voice-service.ts';
import type { Logger } from '../shared/logger.ts';
import type { Coordination } from './coordination.ts';

/** What the job runner takes besides the engines it feeds. */
export type ConsumerDeps = Omit<JobRunnerOptions, 'executor' | 'maxAttempts'>;

export interface Engines extends EngineView, VoicePreparer {
  /** Resolves when every worker has loaded its engine (at once without engines); rejects if the model cannot be loaded. */
  readonly loaded: Promise<void>;
  /** What this process tells the deployment about its engines. */
  state(): MemberState;
  /** Starts taking jobs from the queue for these engines; nothing to take without engines. */
  consume(deps: ConsumerDeps): void;
  /** Lets running jobs finish (up to the grace period), then stops the workers. */
  stop(graceMs: number): Promise<void>;
}

export interface EngineParts {
  config: Config;
  logger: Logger;
  coordination: Coordination;
}

/** Role api: no engines in this process; health reports the deployment's, whose workers take the jobs. */
export function useDeploymentEngines({ coordination }: EngineParts): Engines {
  const view = coordination.deploymentEngines;
  return {
    get ready() {
      return view.ready;
    },
    get modelError() {
      return view.modelError;
    },
    get firstError() {
      return view.firstError;
    },
    status: () => view.status(),
    loaded: Promise.resolve(),
    state: () => ({ ready: false, modelError: null, workers: [] }),
    prepareVoiceIfIdle: async () => false,
    consume: () => undefined,
    stop: async () => undefined,
  };
}

/**
 * What a process of each CHATTERBOX_ROLE runs, as data: where its engines come from and
 * whether it has a front (HTTP, callbacks, sweeps, start-up repair).
 */
import type { Config } from '../config/config.ts';
import { useDeploymentEngines, type EngineParts, type Engines } from './engines.ts';
import { startHttpFront, withoutHttp, type Front, type FrontParts } from './http-front.ts';
import { startLocalEngines } from './local-engines.ts';

export interface Role {
  engines(parts: EngineParts): Engines;
  front(parts: FrontParts): Promise<Front>;
}

export const ROLES: Readonly<Record<Config['deployment']['role'], Role>> = {
  /** One process does everything. */
  all: { engines: startLocalEngines, front: startHttpFront },
  /** HTTP only; the worker processes of the deployment run the jobs. */
  api: { engines: useDeploymentEngines, front: startHttpFront },
  /** Engines only: takes jobs from the shared queue, serves no HTTP. */
  worker: { engines: startLocalEngines, front: withoutHttp },
};

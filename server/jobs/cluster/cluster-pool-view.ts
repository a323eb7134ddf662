/**
 * The engines of every worker process, seen from an API process (which has none): what
 * its /health lists and what its readiness means. Ready = at least one process somewhere
 * has loaded its model, so a submitted job will run.
 */
import type { WorkerStatus } from '../../workers/worker-pool.ts';
import type { EngineView } from '../service-health.ts';
import type { ClusterMember } from './cluster-presence.ts';

/** A worker of the deployment: one engine on one device of one process. */
export interface ClusterWorkerStatus extends WorkerStatus {
  host: string;
  pid: number;
}

export class ClusterPoolView implements EngineView {
  constructor(private readonly members: () => readonly ClusterMember[]) {}

  get ready(): boolean {
    return this.engineHosts().some((member) => member.ready);
  }

  /** Each process resolves its own model; one that cannot is reported by firstError, the others may still run jobs. */
  readonly modelError = null;

  get firstError(): { message: string } | null {
    for (const member of this.engineHosts()) {
      if (member.modelError !== null) return { message: `${member.host}:${member.pid}: ${member.modelError}` };
      const failed = member.workers.find((worker) => worker.error !== null);
      if (failed?.error) return { message: `${member.host}:${member.pid} ${failed.device}: ${failed.error.message}` };
    }
    return null;
  }

  /** Numbered across the deployment, in a stable order (by process, then device). */
  status(): ClusterWorkerStatus[] {
    return this.engineHosts()
      .flatMap((member) => member.workers.map((worker) => ({ ...worker, host: member.host, pid: member.pid })))
      .map((worker, index) => ({ ...worker, index }));
  }

  private engineHosts(): readonly ClusterMember[] {
    return this.members().filter((member) => member.role !== 'api');
  }
}

/**
 * Whether the coordination's Redis connections are usable right now, and the repair to run
 * when they come back after a loss. ioredis keeps retrying a lost connection and queues
 * commands meanwhile, so a request that waited on Redis would hang for the whole outage:
 * health and submits ask `outage()` first and answer 503 at once instead. A Redis that comes
 * back may have lost everything (no persistence, a fresh instance): the repair re-queues and
 * re-indexes from the store, and health stays degraded until it has run.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../../shared/logger.ts';

type Repair = () => Promise<void>;

export class RedisLink {
  private repair: Repair | undefined;
  private repairing: Promise<void> | undefined;
  private repairError: string | null = null;
  private lost = false;
  /** Redis came back again while a repair ran: run it once more. */
  private again = false;

  constructor(
    private readonly connections: readonly Redis[],
    private readonly logger: Logger,
  ) {
    const [commands] = connections;
    commands?.on('close', () => {
      this.lost = true;
    });
    commands?.on('ready', () => {
      if (!this.lost) return;
      this.lost = false;
      if (this.repairing === undefined) this.repairing = this.runRepair();
      else this.again = true;
    });
  }

  /** Why jobs cannot be shared right now (Redis unreachable, or back and being repaired), or null. */
  outage(): string | null {
    if (this.connections.some((redis) => redis.status !== 'ready')) return 'Redis is unreachable: jobs can neither be queued nor listed until it is back';
    if (this.repairing !== undefined) return 'Redis is back: re-queueing jobs and rebuilding the job index';
    return this.repairError;
  }

  /** What to run after each reconnect (the front's start-up repair). */
  onReconnect(repair: Repair): void {
    this.repair = repair;
  }

  private async runRepair(): Promise<void> {
    if (this.repair === undefined) return; // role worker: API processes repair
    try {
      await this.repair();
      this.repairError = null;
      this.logger.info('Redis is back: jobs re-queued and the job index rebuilt');
    } catch (error) {
      // Left degraded until the next reconnect repairs it (or a restart does).
      this.repairError = `the repair after Redis came back failed: ${error instanceof Error ? error.message : String(error)}`;
      this.logger.error({ err: error }, 'repair after Redis came back failed');
    }
    this.repairing = this.again ? this.runRepair() : undefined;
    this.again = false;
  }
}

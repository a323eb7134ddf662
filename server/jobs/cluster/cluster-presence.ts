/**
 * Who is in the deployment: every process writes a heartbeat into one Redis hash (role,
 * host, readiness, its engines' states, a snapshot of its Prometheus registry) and reads
 * everyone else's. API processes build /health and /metrics for the whole deployment
 * from it, since worker processes serve no HTTP.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { Clock } from '../../shared/clock.ts';
import type { Logger } from '../../shared/logger.ts';
import type { WorkerStatus } from '../../workers/worker-pool.ts';

export type ProcessRole = 'all' | 'api' | 'worker';

/** What a process says about its engines. */
export interface MemberState {
  /** Every engine of the process has loaded its model (always false for `api`). */
  ready: boolean;
  modelError: string | null;
  workers: WorkerStatus[];
}

export interface ClusterMember extends MemberState {
  /** `<host>:<pid>:<random>`, unique even when a pid is reused. */
  id: string;
  role: ProcessRole;
  host: string;
  pid: number;
  startedAt: number;
  seenAt: number;
  /** `registry.getMetricsAsJSON()` of the process at `seenAt`. */
  metrics: unknown[];
}

export interface ClusterPresenceOptions {
  redis: Redis;
  /** Key prefix shared by every process of one deployment. */
  prefix: string;
  role: ProcessRole;
  registry: Registry;
  state: () => MemberState;
  clock: Clock;
  logger: Logger;
  /** Heartbeat period; a member silent for three periods is gone. @defaultValue 5000 */
  intervalMs?: number;
}

const DEFAULT_INTERVAL_MS = 5000;
/** Heartbeats a member may miss before it counts as gone (a busy event loop delays one now and then). */
const MISSED_BEATS = 3;
const ID_SUFFIX_BYTES = 4;

export class ClusterPresence {
  readonly self: Pick<ClusterMember, 'id' | 'role' | 'host' | 'pid' | 'startedAt'>;
  private readonly key: string;
  private readonly intervalMs: number;
  private latest: ClusterMember[] = [];
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: ClusterPresenceOptions) {
    const startedAt = options.clock.now();
    const host = hostname();
    this.self = { id: `${host}:${process.pid}:${randomBytes(ID_SUFFIX_BYTES).toString('hex')}`, role: options.role, host, pid: process.pid, startedAt };
    this.key = `${options.prefix}:members`;
    this.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  }

  /** Announces this process and keeps doing so every interval. */
  async start(): Promise<void> {
    await this.beat();
    this.timer ??= setInterval(() => {
      this.beat().catch((error: unknown) => this.options.logger.warn({ err: error }, 'cluster heartbeat failed'));
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Live members as of the last heartbeat (this process included). */
  get members(): readonly ClusterMember[] {
    return this.latest;
  }

  /** Writes this process's heartbeat now and reads everyone's. */
  async beat(): Promise<readonly ClusterMember[]> {
    if (this.closed) return this.latest;
    const now = this.options.clock.now();
    const mine: ClusterMember = { ...this.self, ...this.options.state(), seenAt: now, metrics: await this.options.registry.getMetricsAsJSON() };
    await this.options.redis.hset(this.key, this.self.id, JSON.stringify(mine));
    const all = await this.options.redis.hgetall(this.key);
    const members: ClusterMember[] = [];
    const gone: string[] = [];
    for (const [id, text] of Object.entries(all)) {
      const member = parseMember(text);
      if (member !== undefined && now - member.seenAt <= this.intervalMs * MISSED_BEATS) members.push(member);
      else gone.push(id);
    }
    if (gone.length > 0) await this.options.redis.hdel(this.key, ...gone);
    this.latest = members.sort((a, b) => a.id.localeCompare(b.id));
    return this.latest;
  }

  /** Stops the heartbeat and leaves at once, so /health stops listing this process. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await this.options.redis.hdel(this.key, this.self.id).catch(() => undefined);
  }
}

function parseMember(text: string): ClusterMember | undefined {
  try {
    const member = JSON.parse(text) as ClusterMember;
    return typeof member.seenAt === 'number' && Array.isArray(member.workers) ? member : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Composition of the scale-out parts (CHATTERBOX_QUEUE=redis): BullMQ queue, Redis event
 * bus, cluster lock, shared job index, presence heartbeat and callback claims. main.ts
 * builds these in place of the single-process parts; every process of a deployment,
 * whatever its role, builds the same set against the same Redis prefix.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import { CallbackClaims } from './jobs/cluster/callback-claim.ts';
import { ClusterKeyedMutex } from './jobs/cluster/cluster-keyed-mutex.ts';
import type { JobRepair } from './jobs/cluster/cluster-job-repair.ts';
import { aggregateClusterMetrics } from './jobs/cluster/cluster-metrics.ts';
import { ClusterPoolView } from './jobs/cluster/cluster-pool-view.ts';
import { ClusterPresence, type MemberState, type ProcessRole } from './jobs/cluster/cluster-presence.ts';
import { closeRedis, connectRedis } from './jobs/cluster/redis-connection.ts';
import { RedisJobIndex } from './jobs/cluster/redis-job-index.ts';
import { RedisEventBus } from './jobs/events/redis-event-bus.ts';
import { BullMqJobQueue } from './jobs/queue/bullmq-job-queue.ts';
import type { HealthReport, ServiceHealth } from './jobs/service-health.ts';
import type { Clock } from './shared/clock.ts';
import type { Logger } from './shared/logger.ts';
import type { ServiceMetrics } from './shared/metrics.ts';

export interface ScaleOutSettings {
  role: ProcessRole;
  redisUrl: string;
  /** Prefix of every key and channel of the deployment. */
  redisPrefix: string;
  /** BullMQ lock duration and stalled-job check period. */
  stalledMs: number;
  heartbeatMs: number;
  /** The store's attempt limit; BullMQ's own stall limit stays above it. */
  maxAttempts: number;
}

export interface ScaleOut {
  readonly bus: RedisEventBus;
  readonly lock: ClusterKeyedMutex;
  readonly index: RedisJobIndex;
  /** Built once the store exists: its hooks repair job records. */
  createQueue(repair: JobRepair): BullMqJobQueue;
  /**
   * Starts this process's heartbeat. An API process's health then lists (and waits for) the
   * engines of the whole deployment. Returns what /metrics serves: the deployment's metrics.
   */
  join(parts: JoinParts): Promise<(report: HealthReport) => Promise<Registry>>;
  /** One delivery per callback in the deployment; `ttlMs` covers a delivery with all its retries. */
  callbackClaims(ttlMs: number): CallbackClaims;
  /** Leaves the deployment: heartbeat, bus, connections (the queue is closed by its runner or here). */
  close(): Promise<void>;
}

export interface JoinParts {
  metrics: ServiceMetrics;
  health: ServiceHealth;
  /** What this process says about its engines. */
  state: () => MemberState;
}

/**
 * BullMQ's own limit on redeliveries after worker deaths, as a multiple of the store's attempt
 * limit: the store's count, which fails the job with a clear reason, always decides first.
 */
const STALL_HEADROOM = 2;

export async function connectScaleOut(settings: ScaleOutSettings, clock: Clock, logger: Logger): Promise<ScaleOut> {
  const connect = (purpose: string): Promise<Redis> => connectRedis({ url: settings.redisUrl, name: `chatterbox-${settings.role}-${purpose}`, logger });
  const redis = await connect('commands');
  const subscriber = await connect('events').catch(async (error: unknown) => {
    await closeRedis(redis);
    throw error;
  });
  const prefix = settings.redisPrefix;
  const bus = new RedisEventBus({ publisher: redis, subscriber, prefix, logger });
  await bus.start();
  let queue: BullMqJobQueue | undefined;
  let presence: ClusterPresence | undefined;
  return {
    bus,
    lock: new ClusterKeyedMutex({ redis, prefix, logger }),
    index: new RedisJobIndex(redis, prefix),
    createQueue(repair) {
      queue = new BullMqJobQueue({
        connection: redis,
        prefix,
        lockDurationMs: settings.stalledMs,
        maxStalledCount: settings.maxAttempts * STALL_HEADROOM,
        onRedelivery: (jobId) => repair.reclaim(jobId),
        onGiveUp: (jobId, reason) => repair.abandon(jobId, reason),
        logger,
      });
      return queue;
    },
    async join({ metrics, health, state }) {
      const member = new ClusterPresence({ redis, prefix, role: settings.role, registry: metrics.registry, state, clock, logger, intervalMs: settings.heartbeatMs });
      presence = member;
      await member.start();
      const engines = new ClusterPoolView(() => member.members);
      if (settings.role === 'api') health.attachPool(engines);
      return (report) =>
        aggregateClusterMetrics({ members: member.members, selfId: member.self.id, own: metrics, workers: engines.status(), queueDepth: report.queueDepth });
    },
    callbackClaims: (ttlMs) => new CallbackClaims(redis, prefix, ttlMs, `${hostname()}:${process.pid}:${randomUUID()}`),
    async close() {
      await presence?.close();
      await queue?.close();
      await bus.close();
      await closeRedis(subscriber);
      await closeRedis(redis);
    },
  };
}

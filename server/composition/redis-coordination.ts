/**
 * Coordination of a deployment (CHATTERBOX_QUEUE=redis): BullMQ queue, Redis event bus,
 * cluster lock, shared job index, presence heartbeat and callback claims. Every process of a
 * deployment, whatever its role, builds the same set against the same Redis prefix.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { CallbackClaims } from '../jobs/cluster/callback-claim.ts';
import { ClusterKeyedMutex } from '../jobs/cluster/cluster-keyed-mutex.ts';
import { aggregateClusterMetrics } from '../jobs/cluster/cluster-metrics.ts';
import { ClusterPoolView } from '../jobs/cluster/cluster-pool-view.ts';
import { ClusterPresence, type MemberState } from '../jobs/cluster/cluster-presence.ts';
import { closeRedis, connectRedis } from '../jobs/cluster/redis-connection.ts';
import { RedisLink } from '../jobs/cluster/redis-link.ts';
import { RedisEventBus } from '../jobs/events/redis-event-bus.ts';
import { BullMqJobQueue } from '../jobs/queue/bullmq-job-queue.ts';
import { recoverJobs } from '../jobs/recovery.ts';
import type { HealthReport } from '../jobs/service-health.ts';
import { RedisJobIndex } from '../storage/redis-job-index.ts';
import type { Config } from '../config/config.ts';
import type { Coordination, CoordinationParts } from './coordination.ts';

/** BullMQ's own limit on redeliveries after worker deaths, as a multiple of the store's attempt limit. */
const STALL_HEADROOM = 2;
/** Files younger than this may be a worker's write in progress; start-up repair leaves them. */
const FILE_GRACE_MS = 3600 * 1000;

export async function connectRedisCoordination(config: Config, parts: CoordinationParts): Promise<Coordination> {
  const { logger } = parts;
  const { role, redisUrl, redisPrefix: prefix, stalledMs } = config.deployment;
  const connect = (purpose: string): Promise<Redis> => connectRedis({ url: redisUrl, name: `chatterbox-${role}-${purpose}`, logger });
  const redis = await connect('commands');
  const subscriber = await connect('events').catch(async (error: unknown) => {
    await closeRedis(redis);
    throw error;
  });
  const bus = new RedisEventBus({ publisher: redis, subscriber, prefix, logger });
  await bus.start();
  const lock = new ClusterKeyedMutex({ redis, prefix, logger });
  // The store's attempt count, which fails the job with a clear reason, decides before BullMQ's.
  const queue = new BullMqJobQueue({ connection: redis, prefix, lockDurationMs: stalledMs, maxStalledCount: config.jobs.maxAttempts * STALL_HEADROOM, logger });
  const claims = new CallbackClaims(redis, prefix, callbackDeliveryMs(config), `${hostname()}:${process.pid}:${randomUUID()}`);
  const membership = deploymentMembership(redis, config, parts);
  const link = new RedisLink([redis, subscriber], logger);
  return {
    bus,
    lock,
    queue,
    jobIndex: new RedisJobIndex(redis, prefix),
    deploymentEngines: membership.engines,
    deploymentMetrics: membership.metrics,
    // BullMQ redelivers the jobs of dead workers itself; recovery only fills in what Redis lost.
    recover: (records, deps) => recoverJobs(records, { ...deps, queue, lock, minFileAgeMs: FILE_GRACE_MS }),
    claimCallback: claims.claim,
    outage: () => link.outage(),
    onReconnect: (repair) => link.onReconnect(repair),
    join: membership.join,
    async close() {
      // Another process of the deployment may resume these deliveries right away.
      await claims.releaseAll();
      await membership.leave();
      await queue.close();
      await bus.close();
      await closeRedis(subscriber);
      await closeRedis(redis);
    },
  };
}

/** This process in the deployment: its heartbeat, and what it learns of the others (engines, metrics). */
function deploymentMembership(redis: Redis, config: Config, { clock, logger, metrics }: CoordinationParts) {
  let presence: ClusterPresence | undefined;
  const engines = new ClusterPoolView(() => presence?.members ?? []);
  return {
    engines,
    metrics: (report: HealthReport) =>
      aggregateClusterMetrics({ members: presence?.members ?? [], selfId: presence?.self.id ?? '', own: metrics, workers: engines.status(), queueDepth: report.queueDepth }),
    async join(state: () => MemberState): Promise<void> {
      const { role, redisPrefix: prefix, heartbeatMs: intervalMs } = config.deployment;
      presence = new ClusterPresence({ redis, prefix, role, registry: metrics.registry, state, clock, logger, intervalMs });
      await presence.start();
    },
    leave: async (): Promise<void> => presence?.close(),
  };
}

/** Longest a callback delivery with all its retries may take: how long a claim on it lasts. */
function callbackDeliveryMs(config: Config): number {
  const { maxAttempts, timeoutMs, retryMaxMs } = config.callbacks;
  return maxAttempts * (timeoutMs + retryMaxMs);
}

/**
 * ioredis connections for the scale-out pieces (BullMQ queue, event bus, cluster lock,
 * presence, job index). One place decides how they connect, retry and close.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../../shared/logger.ts';

/** Longest pause between reconnection attempts while Redis is down. */
const MAX_RECONNECT_DELAY_MS = 5000;
const RECONNECT_STEP_MS = 200;

export interface RedisConnectOptions {
  url: string;
  /** Shown in `CLIENT LIST` and in logs, e.g. `chatterbox-queue`. */
  name: string;
  logger: Logger;
}

/**
 * Resolves once connected; rejects when Redis cannot be reached at start (the process then
 * exits and systemd restarts it). Once connected, a lost connection is retried forever and
 * commands wait for it (BullMQ requires `maxRetriesPerRequest: null` for its workers).
 */
export async function connectRedis(options: RedisConnectOptions): Promise<Redis> {
  let connected = false;
  const redis = new Redis(options.url, {
    connectionName: options.name,
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => (connected ? Math.min(attempt * RECONNECT_STEP_MS, MAX_RECONNECT_DELAY_MS) : null),
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => {
      redis.off('ready', onReady);
      redis.disconnect();
      reject(new Error(`cannot reach Redis at ${redactUrl(options.url)}: ${error.message}`, { cause: error }));
    };
    const onReady = (): void => {
      redis.off('error', onError);
      resolve();
    };
    redis.once('error', onError);
    redis.once('ready', onReady);
  });
  connected = true;
  reportOutages(redis, options);
  return redis;
}

function reportOutages(redis: Redis, options: RedisConnectOptions): void {
  let down = false;
  redis.on('error', (error: Error) => {
    // ioredis repeats the error on every retry; one line per outage is enough.
    if (!down) options.logger.warn({ err: error, redis: options.name }, 'lost the Redis connection; retrying');
    down = true;
  });
  redis.on('ready', () => {
    if (down) options.logger.info({ redis: options.name }, 'Redis connection restored');
    down = false;
  });
}

/** Quits politely, or drops the socket when Redis is unreachable (quit would wait for it). */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') {
    redis.disconnect();
    return;
  }
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}

/** The URL without its password, for messages and logs. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

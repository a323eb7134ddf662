/**
 * KeyedMutex across processes: a job's read-modify-write (a worker storing progress or
 * completion, an API process cancelling it, two API processes replaying one
 * Idempotency-Key) runs one at a time in the whole deployment. Callers in one process
 * still queue locally first, so only one of them at a time waits on Redis.
 */
import type { Redis } from 'ioredis';
import { Mutex } from 'redis-semaphore';
import type { Logger } from '../../shared/logger.ts';
import { KeyedMutex } from '../keyed-mutex.ts';

export interface ClusterKeyedMutexOptions {
  redis: Redis;
  /** Key prefix shared by every process of one deployment. @defaultValue 'chatterbox' */
  prefix?: string;
  /**
   * How long a lock outlives a process that died holding it (it is refreshed while held).
   * @defaultValue 10000
   */
  lockTimeoutMs?: number;
  /** How long to wait for a lock before failing the operation. @defaultValue 10000 */
  acquireTimeoutMs?: number;
  logger: Logger;
}

const DEFAULT_LOCK_TIMEOUT_MS = 10_000;
const DEFAULT_ACQUIRE_TIMEOUT_MS = 10_000;
/** Pause between tries while another process holds the lock; sections last milliseconds. */
const RETRY_INTERVAL_MS = 5;

export class ClusterKeyedMutex extends KeyedMutex {
  constructor(private readonly options: ClusterKeyedMutexOptions) {
    super();
  }

  override run<T>(key: string, section: () => Promise<T>): Promise<T> {
    return super.run(key, () => this.runLocked(key, section));
  }

  private async runLocked<T>(key: string, section: () => Promise<T>): Promise<T> {
    const { options } = this;
    const mutex = new Mutex(options.redis, `${options.prefix ?? 'chatterbox'}:lock:${key}`, {
      lockTimeout: options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
      acquireTimeout: options.acquireTimeoutMs ?? DEFAULT_ACQUIRE_TIMEOUT_MS,
      retryInterval: RETRY_INTERVAL_MS,
      onLockLost: (error) => options.logger.error({ err: error, key }, 'lost a cluster lock while holding it'),
    });
    await mutex.acquire();
    try {
      return await section();
    } finally {
      await mutex.release().catch((error: unknown) => options.logger.warn({ err: error, key }, 'could not release a cluster lock'));
    }
  }
}

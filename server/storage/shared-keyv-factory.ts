/**
 * keyv backends that several processes on several machines share: Redis or PostgreSQL.
 * Same contract as the embedded SQLite factory (one Keyv per namespace, close() ends every
 * connection). Errors are thrown, never swallowed: keyv's default of answering `undefined`
 * when the server is unreachable would turn an outage into "job not found".
 */
import KeyvPostgres from '@keyv/postgres';
import KeyvRedis, { createClient } from '@keyv/redis';
import Keyv from 'keyv';
import type { KeyvFactory } from './keyv-factory.ts';

/** Rows per SELECT when iterating a namespace (keyv's default of 10 makes scans slow). */
const POSTGRES_ITERATION_BATCH = 1000;
/** Longest pause between reconnection attempts while Redis is down. */
const MAX_RECONNECT_DELAY_MS = 5000;
const RECONNECT_STEP_MS = 200;
/** Key read once at start so a wrong URL or password fails the start, not the first request. */
const PROBE_KEY = 'connection-probe';

/**
 * Keys are `<prefix>:<namespace>…`, so several deployments (or test runs) can share one
 * Redis. One client serves every namespace. Redis must persist (AOF) to keep jobs across
 * its restarts: see README.
 */
export async function createRedisKeyvFactory(url: string, prefix: string): Promise<KeyvFactory> {
  let connected = false;
  const client = createClient({
    url,
    socket: {
      // Unreachable at start: fail the start (systemd restarts it). Lost later: keep reconnecting.
      reconnectStrategy: (retries: number, cause: Error) =>
        connected ? Math.min(retries * RECONNECT_STEP_MS, MAX_RECONNECT_DELAY_MS) : cause,
    },
  });
  client.on('error', () => {
    // Reported by the failing keyv call (throwOnErrors); without a listener node-redis would crash the process.
  });
  await client.connect();
  connected = true;
  // One adapter per namespace: each adds listeners to the shared client.
  const adapters = new Map<string, KeyvRedis<unknown>>();
  const factory: KeyvFactory = {
    namespace<T>(name: string): Keyv<T> {
      const namespace = `${prefix}:${name}`;
      let store = adapters.get(namespace);
      if (store === undefined) {
        store = new KeyvRedis<unknown>(client, { namespace, throwOnConnectError: true, throwOnErrors: true });
        adapters.set(namespace, store);
      }
      // The adapter prefixes keys itself (`<namespace>::<key>`). Keyv's own prefix would be cut
      // at the first colon when iterating, and the prefix may contain colons.
      return new Keyv<T>({ store: store as KeyvRedis<T>, namespace, useKeyPrefix: false, throwOnErrors: true });
    },
    async close(): Promise<void> {
      if (client.isOpen) await client.close();
    },
  };
  await probe(factory);
  return factory;
}

/**
 * All namespaces live in one table (created when missing), keyed `<namespace>:<key>`. The
 * adapter keeps one connection pool per process.
 */
export async function createPostgresKeyvFactory(url: string, table: string): Promise<KeyvFactory> {
  const adapters: KeyvPostgres[] = [];
  const factory: KeyvFactory = {
    namespace<T>(name: string): Keyv<T> {
      const store = new KeyvPostgres({ uri: url, table, iterationLimit: POSTGRES_ITERATION_BATCH });
      adapters.push(store);
      return new Keyv<T>({ store, namespace: name, throwOnErrors: true });
    },
    async close(): Promise<void> {
      // Every adapter shares the pool; ending it once closes them all.
      await adapters.splice(0)[0]?.disconnect();
    },
  };
  await probe(factory);
  return factory;
}

async function probe(factory: KeyvFactory): Promise<void> {
  try {
    await factory.namespace<string>('meta').get(PROBE_KEY);
  } catch (error) {
    await factory.close().catch(() => undefined);
    throw error;
  }
}

/**
 * What stores open their records through (a KeyvFactory: ask for a namespace, get a Keyv), and
 * its embedded default, one SQLite file. open-keyv-factory.ts chooses between this and the
 * shared Redis / PostgreSQL backends of shared-keyv-factory.ts.
 */
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';

export interface KeyvFactory {
  namespace<T>(name: string): Keyv<T>;
  /** Closes every connection the factory opened. Idempotent. */
  close(): Promise<void>;
}

/** How long a connection waits for another connection's write lock before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;
/** Rows per SELECT when iterating a namespace (keyv's default of 10 makes scans quadratic). */
const SQLITE_ITERATION_BATCH = 1000;

/**
 * A keyv adapter holds one namespace, so each namespace gets its own connection to the same
 * file. WAL (persistent in the file) lets them read while another writes; SQLite's default
 * synchronous=FULL makes each commit durable before it resolves, so a job answered with 202
 * survives a crash.
 */
export async function createSqliteKeyvFactory(file: string): Promise<KeyvFactory> {
  const adapters: KeyvSqlite[] = [];
  const connect = (): KeyvSqlite => {
    const adapter = new KeyvSqlite({
      uri: `sqlite://${file}`,
      busyTimeout: SQLITE_BUSY_TIMEOUT_MS,
      iterationLimit: SQLITE_ITERATION_BATCH,
    });
    adapters.push(adapter);
    return adapter;
  };
  let spare: KeyvSqlite | undefined = connect();
  await spare.query('PRAGMA journal_mode=WAL');
  return {
    namespace<T>(name: string): Keyv<T> {
      const store = spare ?? connect();
      spare = undefined;
      // Errors are thrown, never swallowed: keyv's default answers `false` for a write that hit
      // a full disk, and the caller would acknowledge a job that was never stored.
      return new Keyv<T>({ store, namespace: name, throwOnErrors: true });
    },
    async close(): Promise<void> {
      await Promise.allSettled(adapters.splice(0).map((adapter) => adapter.disconnect()));
    },
  };
}

/** Picks the keyv backend the configuration names: embedded SQLite, or a shared Redis / PostgreSQL. */
import type { StoreLocation } from '../config/store-url.ts';
import { createSqliteKeyvFactory, type KeyvFactory } from './keyv-factory.ts';
import { createPostgresKeyvFactory, createRedisKeyvFactory } from './shared-keyv-factory.ts';

export interface OpenKeyvFactoryOptions {
  /** SQLite file when the location names none (the data dir's). */
  defaultSqliteFile: string;
  /** Key prefix in a Redis store. */
  redisPrefix: string;
  /** Table in a PostgreSQL store. */
  postgresTable: string;
}

export function openKeyvFactory(location: StoreLocation, options: OpenKeyvFactoryOptions): Promise<KeyvFactory> {
  switch (location.kind) {
    case 'sqlite':
      return createSqliteKeyvFactory(location.file ?? options.defaultSqliteFile);
    case 'redis':
      return createRedisKeyvFactory(location.url, options.redisPrefix);
    case 'postgres':
      return createPostgresKeyvFactory(location.url, options.postgresTable);
  }
}

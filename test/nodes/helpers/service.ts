/**
 * The real Chatterbox service, in-process, for the node tests: tiny stand-in model, port 0
 * on loopback, a temporary data folder, API keys on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Credentials } from './execute-context.ts';

/** Keys must be at least 16 characters (server config). */
const API_KEY = 'n8n-node-tests-key-0123456789';

export interface ServiceOptions {
  /** `tiny-slow` keeps the single worker busy long enough to test timeouts and queues. */
  model?: 'tiny' | 'tiny-slow';
  /** Extra CHATTERBOX_* settings. */
  env?: Record<string, string>;
}

/** The part of server/main.ts these tests use (typed here so they do not type-check the server). */
interface ServerModule {
  start(options: {
    env: Record<string, string>;
  }): Promise<{ url: string; ready: Promise<void>; stop(): Promise<void> }>;
}

export interface RunningService {
  baseUrl: string;
  apiKey: string;
  close(): Promise<void>;
}

export async function startService(options: ServiceOptions = {}): Promise<RunningService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatterbox-node-test-'));
  // A dynamic import of an absolute URL: server/ is ESM and these tests are CommonJS
  // (test/nodes/package.json says why), so a static import would become a require().
  const serverMain = new URL('../../../server/main.ts', import.meta.url).href;
  const { start } = (await import(serverMain)) as ServerModule;
  const server = await start({
    env: {
      CHATTERBOX_HOST: '127.0.0.1',
      CHATTERBOX_PORT: '0',
      CHATTERBOX_DATA_DIR: dataDir,
      CHATTERBOX_MODEL: options.model ?? 'tiny',
      CHATTERBOX_API_KEYS: API_KEY,
      CHATTERBOX_LOG_LEVEL: 'silent',
      CHATTERBOX_SHUTDOWN_GRACE_SECONDS: '0',
      ...options.env,
    },
  });
  await server.ready;
  return {
    baseUrl: server.url,
    apiKey: API_KEY,
    async close() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function credentialsOf(service: RunningService): Credentials {
  return { baseUrl: service.baseUrl, apiKey: service.apiKey };
}

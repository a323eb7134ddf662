/**
 * The real Chatterbox service, in-process, for the node tests: the shared test helper
 * (test/support/test-server.ts) with API keys on and the system clock.
 */
import { after, before } from 'node:test';
import type { Credentials } from './execute-context.ts';

/** Keys must be at least 16 characters (server config). */
const API_KEY = 'n8n-node-tests-key-0123456789';

export interface ServiceOptions {
  /** `tiny-slow` keeps the single worker busy long enough to test timeouts and queues. */
  model?: 'tiny' | 'tiny-slow';
  /** Extra CHATTERBOX_* settings. */
  env?: Record<string, string>;
}

/** The part of test/support/test-server.ts these tests use (typed here so they do not type-check the server). */
interface TestServerModule {
  startTestServer(
    env: Record<string, string>,
    options: { realClock: boolean },
  ): Promise<{ url: string; close(): Promise<void> }>;
}

export interface RunningService {
  baseUrl: string;
  apiKey: string;
  close(): Promise<void>;
}

export async function startService(options: ServiceOptions = {}): Promise<RunningService> {
  // A dynamic import of an absolute URL: the service and the shared test helper are ESM and
  // these tests are CommonJS (test/nodes/package.json says why), so a static import would
  // become a require().
  const helper = new URL('../../support/test-server.ts', import.meta.url).href;
  const { startTestServer } = (await import(helper)) as TestServerModule;
  const server = await startTestServer(
    {
      CHATTERBOX_MODEL: options.model ?? 'tiny',
      CHATTERBOX_API_KEYS: API_KEY,
      CHATTERBOX_SHUTDOWN_GRACE_SECONDS: '0',
      ...options.env,
    },
    { realClock: true },
  );
  return { baseUrl: server.url, apiKey: API_KEY, close: () => server.close() };
}

/** A port nothing listens on (test/support/free-port.ts, imported the same way as the test server). */
export async function freePort(): Promise<number> {
  const helper = new URL('../../support/free-port.ts', import.meta.url).href;
  const { freePort: shared } = (await import(helper)) as { freePort(): Promise<number> };
  return shared();
}

export function credentialsOf(service: RunningService): Credentials {
  return { baseUrl: service.baseUrl, apiKey: service.apiKey };
}

/** Keeps the slow tiny model busy for seconds: longer than the timeouts the node tests use. */
export const LONG_TEXT = Array.from(
  { length: 12 },
  (_, i) => `This is sentence number ${i + 1} of a long text.`,
).join(' ');

export interface FastAndSlowServices {
  /** The tiny model. */
  fast: RunningService;
  /** `tiny-slow`: its single worker stays busy with LONG_TEXT. */
  slow: RunningService;
}

/** Starts a tiny and a tiny-slow service before the file's tests and closes both after them. */
export function useFastAndSlowServices(): FastAndSlowServices {
  const services = {} as FastAndSlowServices;
  before(async () => {
    [services.fast, services.slow] = await Promise.all([
      startService(),
      startService({ model: 'tiny-slow' }),
    ]);
  });
  after(async () => {
    await Promise.all([services.fast.close(), services.slow.close()]);
  });
  return services;
}

/**
 * The one way tests start the real service: in-process, port 0, a fresh temp data dir, the
 * tiny model (generated once into the shared test cache), silent logs, a manual clock. The
 * HTTP suites use it directly; the browser suites (test/ui) and the n8n node tests
 * (test/nodes/helpers/service.ts) wrap it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { loadConfig } from '../../server/config/load-config.ts';
import { start, type RunningServer } from '../../server/main.ts';
import { systemClock, type Clock } from '../../server/shared/clock.ts';
import { createLogger } from '../../server/shared/logger.ts';
import { TEST_MODEL_CACHE } from '../server/engine/tiny-model.fixture.ts';

class ManualClock implements Clock {
  constructor(private time = Date.now()) {}

  now(): number {
    return this.time;
  }

  advance(ms: number): void {
    this.time += ms;
  }
}

export interface TestServer {
  server: RunningServer;
  url: string;
  dataDir: string;
  /** The server's clock, unless it was started with `realClock`. */
  clock: ManualClock;
  /** fetch against the server; `path` starts with "/". */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** fetch with the first of CHATTERBOX_API_KEYS as a bearer token, as another client would. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** POST JSON. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export function testEnv(dataDir: string, env: Record<string, string> = {}): Record<string, string> {
  return {
    CHATTERBOX_PORT: '0',
    CHATTERBOX_DATA_DIR: dataDir,
    CHATTERBOX_MODEL: 'tiny',
    CHATTERBOX_MODEL_CACHE_DIR: TEST_MODEL_CACHE,
    CHATTERBOX_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    CHATTERBOX_SHUTDOWN_GRACE_SECONDS: '5',
    ...env,
  };
}

/**
 * @param options.dataDir keep the data here (and leave it) instead of a fresh temp folder
 * @param options.realClock the server reads the system clock (browser and n8n suites, whose
 *   jobs must age like a user's); otherwise `clock` is the server's and stands still
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: { dataDir?: string; realClock?: boolean } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'chatterbox-test-')));
  const removeDataDir = () => (options.dataDir === undefined ? rm(dataDir, { recursive: true, force: true }) : undefined);
  const { config } = loadConfig(testEnv(dataDir, env));
  const clock = new ManualClock();
  const server = await start({ config, clock: options.realClock ? systemClock : clock, logger: createLogger(config.logLevel) });
  try {
    await server.ready;
  } catch (error) {
    // The model did not load: stop what did start, so the test process can exit.
    await server.stop();
    await removeDataDir();
    throw error;
  }
  const request = (path: string, init?: RequestInit): Promise<Response> => fetch(`${server.url}${path}`, init);
  const apiKey = config.http.apiKeys[0];
  return {
    server,
    url: server.url,
    dataDir,
    clock,
    request,
    api: (path, init = {}) =>
      request(path, { ...init, headers: { ...init.headers, ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}) } }),
    post: (path, body, headers = {}) =>
      request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }),
    async close() {
      await server.stop();
      await removeDataDir();
    },
  };
}

/** One server for the enclosing suite: started before its tests, handed to `use`, closed after them. */
export function useTestServer(
  use: (server: TestServer) => void,
  env: Record<string, string> = {},
  options: { dataDir?: string; realClock?: boolean } = {},
): void {
  let server: TestServer | undefined;
  before(async () => {
    server = await startTestServer(env, options);
    use(server);
  });
  after(() => server?.close());
}

const TERMINAL = ['COMPLETE', 'FAILED', 'CANCELLED'];
const POLL_MS = 25;

/** Polls the status URL until the job reaches one of `statuses` (default: any final status). */
export async function waitForStatus(
  ts: Pick<TestServer, 'request'>,
  id: string,
  statuses: string[] = TERMINAL,
  timeoutMs = 30_000,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await ts.request(`/tts/status/${id}`, { headers });
    const body = (await response.json()) as Record<string, unknown>;
    if (statuses.includes(body.status as string)) return body;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${String(body.status)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

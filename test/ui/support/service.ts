import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, type RunningServer } from '../../../server/main.ts';
import { TEST_MODEL_CACHE } from '../../server/engine/tiny-model.fixture.ts';

export interface TestService {
  server: RunningServer;
  url: string;
  apiKey: string;
  /** GET/POST against the service with the API key, as another client would. */
  api(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * The real service on the tiny stand-in model, in this process, on a free port with its own
 * temporary data dir and an API key, ready once the model has loaded.
 */
export async function startTestService(options: {
  apiKey: string;
  maxTextChars: number;
}): Promise<TestService> {
  const dataDir = await mkdtemp(join(tmpdir(), 'chatterbox-ui-'));
  const server = await start({
    env: {
      CHATTERBOX_MODEL: 'tiny',
      // The cache the server suites use too (test/server/engine/tiny-model.fixture.ts): generated once.
      CHATTERBOX_MODEL_CACHE_DIR: TEST_MODEL_CACHE,
      CHATTERBOX_HOST: '127.0.0.1',
      CHATTERBOX_PORT: '0',
      CHATTERBOX_DATA_DIR: dataDir,
      CHATTERBOX_API_KEYS: options.apiKey,
      CHATTERBOX_MAX_TEXT_CHARS: String(options.maxTextChars),
      CHATTERBOX_LOG_LEVEL: 'warn',
    },
  });
  try {
    await server.ready;
  } catch (error) {
    // The model did not load: stop what did start, so the test process can exit.
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    server,
    url: server.url,
    apiKey: options.apiKey,
    api: (path, init = {}) =>
      fetch(server.url + path, {
        ...init,
        headers: { ...init.headers, Authorization: `Bearer ${options.apiKey}` },
      }),
    async stop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

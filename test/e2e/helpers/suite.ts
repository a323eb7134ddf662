/**
 * What the e2e suite runs against, set up once: real n8n with our package installed, the
 * real service twice (tiny model, and tiny-slow for timeouts and parallel jobs), a loopback
 * OpenAI-compatible stub, and the example workflows plus the suite's job workflow imported
 * with credentials for all three.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, type RunningService } from '../../nodes/helpers/service.ts';
import { FAST_CREDENTIAL, jobWorkflow, SLOW_CREDENTIAL } from './job-workflow.ts';
import {
  createHost,
  importFixtures,
  installN8n,
  installPackage,
  n8n,
  REPO_ROOT,
  stageWorkflows,
  type N8nHost,
} from './n8n-host.ts';
import { startOpenAiStub, type OpenAiStub } from './openai-stub.ts';

const WORKFLOWS = join(REPO_ROOT, 'examples', 'workflows');
const EXAMPLES = [
  '1-llm-to-speech-file.json',
  '2-webhook-tts-api.json',
  '3-callback-wait-download.json',
];

export interface Suite {
  host: N8nHost;
  service: RunningService;
  slowService: RunningService;
  stub: OpenAiStub;
  close(): Promise<void>;
}

/** `published`: ids of workflows whose triggers `n8n start` registers (n8n publish:workflow). */
export async function setUpSuite(spokenText: string, published: string[]): Promise<Suite> {
  const install = installN8n();
  const work = mkdtempSync(join(tmpdir(), 'chatterbox-n8n-e2e-'));
  const filesDir = join(work, 'files');
  mkdirSync(filesDir);
  const host = await createHost(install, work, filesDir);
  installPackage(host, work);
  // n8n beside a service with API keys: callbacks to it must be allowed explicitly, since
  // private and loopback targets are refused by default (docs/streaming-and-callbacks.md).
  const beside = { CHATTERBOX_CALLBACK_ALLOWED_HOSTS: '127.0.0.1' };
  const [service, slowService] = await Promise.all([
    startService({ env: beside }),
    startService({ model: 'tiny-slow', env: beside }),
  ]);
  const stub = await startOpenAiStub(spokenText);
  const suite: Suite = {
    host,
    service,
    slowService,
    stub,
    async close() {
      await stub.close();
      await Promise.all([service.close(), slowService.close()]);
      if (!process.env.CHATTERBOX_E2E_KEEP) rmSync(work, { recursive: true, force: true });
    },
  };
  try {
    await importWorkflows(suite, work, published);
  } catch (error) {
    await suite.close();
    throw error;
  }
  return suite;
}

/** Credentials for both services and the stub, the examples and the job workflow; publishes `published`. */
async function importWorkflows(suite: Suite, work: string, published: string[]): Promise<void> {
  const { host, service, slowService, stub } = suite;
  const credentials = join(work, 'credentials.json');
  const chatterbox = (credential: { id: string; name: string }, target: RunningService) => ({
    ...credential,
    type: 'chatterboxApi',
    data: { baseUrl: target.baseUrl, apiKey: target.apiKey },
  });
  writeFileSync(
    credentials,
    JSON.stringify([
      chatterbox(FAST_CREDENTIAL, service),
      chatterbox(SLOW_CREDENTIAL, slowService),
      {
        id: 'openAiCompat0001',
        name: 'OpenAI-compatible LLM (Ollama, vLLM, ...)',
        type: 'openAiApi',
        data: { apiKey: 'stub-key', url: stub.baseUrl },
      },
    ]),
  );
  const staged = join(work, 'workflows');
  stageWorkflows(
    EXAMPLES.map((file) => join(WORKFLOWS, file)),
    staged,
  );
  writeFileSync(join(staged, 'e2e-job-workflow.json'), JSON.stringify(jobWorkflow()));
  await importFixtures(host, credentials, staged);
  for (const id of published) {
    const result = await n8n(host, ['publish:workflow', `--id=${id}`]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
  }
}

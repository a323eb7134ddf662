/**
 * End to end in real n8n 2.41.1 (Node 24), headless: the built package is packed and laid
 * out as a community package, the example workflows are imported and executed from the
 * command line against the real service (tiny model) and a loopback OpenAI-compatible stub.
 *
 * Run: npm run test:e2e   (first run installs n8n into ~/.cache/chatterbox-n8n-e2e: ~4 min, 2.9 GB)
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseWav, probeAudio } from '../nodes/helpers/audio-probe.ts';
import { startService, type RunningService } from '../nodes/helpers/service.ts';
import {
  createHost,
  executionsOf,
  importFixtures,
  installN8n,
  installPackage,
  n8n,
  parseRun,
  REPO_ROOT,
  stageWorkflows,
  startN8n,
  type N8nHost,
  type RunningN8n,
  type RunItem,
} from './helpers/n8n-host.ts';
import { startOpenAiStub, type OpenAiStub } from './helpers/openai-stub.ts';
import { ffmpegSkip } from '../support/requirements.ts';

const SPOKEN_TEXT = 'Good morning, team. The build is green and the coffee is fresh.';
const WORKFLOWS = join(REPO_ROOT, 'examples', 'workflows');
/** Plausible speech: longer than a click, shorter than the tiny model's token budget allows. */
const MIN_SECONDS = 0.1;
const MAX_SECONDS = 120;
/** Container formats round durations to a frame; the job reports the exact sample count. */
const DURATION_TOLERANCE_SECONDS = 0.1;
const CALLBACK_WAIT_MS = 120_000;
/** Workflows that run on their own trigger once `n8n start` activates them, and their webhook paths. */
const PUBLISHED_WORKFLOWS = { chatterboxWebhookTts: 'tts' };

let work: string;
let filesDir: string;
let host: N8nHost;
let service: RunningService;
let stub: OpenAiStub;

function binaryOf(item: RunItem | undefined) {
  const binary = item?.binary?.data;
  assert.ok(binary, `no binary "data" in ${JSON.stringify(item?.json)}`);
  return { ...binary, bytes: Buffer.from(binary.data, 'base64') };
}

function assertAudio(bytes: Buffer, extension: string, reportedSeconds: number): void {
  assert.ok(
    reportedSeconds > MIN_SECONDS && reportedSeconds < MAX_SECONDS,
    `duration ${reportedSeconds} s`,
  );
  if (extension === 'wav') {
    const wav = parseWav(bytes);
    assert.equal(wav.sampleRate, 24_000);
    assert.ok(Math.abs(wav.durationSeconds - reportedSeconds) < DURATION_TOLERANCE_SECONDS);
  }
  if (ffmpegSkip() === false) {
    const probe = probeAudio(bytes, extension);
    assert.ok(
      Math.abs(probe.durationSeconds - reportedSeconds) < DURATION_TOLERANCE_SECONDS,
      `ffprobe says ${probe.durationSeconds} s, the job says ${reportedSeconds} s`,
    );
  }
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('example workflows in real n8n', { timeout: 45 * 60_000 }, () => {
  before(async () => {
    const install = installN8n();
    work = mkdtempSync(join(tmpdir(), 'chatterbox-n8n-e2e-'));
    filesDir = join(work, 'files');
    mkdirSync(filesDir);
    host = await createHost(install, work, filesDir);
    installPackage(host, work);
    service = await startService();
    stub = await startOpenAiStub(SPOKEN_TEXT);
    const credentials = join(work, 'credentials.json');
    writeFileSync(
      credentials,
      JSON.stringify([
        {
          id: 'chatterboxCred01',
          name: 'Chatterbox account',
          type: 'chatterboxApi',
          data: { baseUrl: service.baseUrl, apiKey: service.apiKey },
        },
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
      ['1-llm-to-speech-file.json', '2-webhook-tts-api.json', '3-callback-wait-download.json'].map(
        (file) => join(WORKFLOWS, file),
      ),
      staged,
    );
    await importFixtures(host, credentials, staged);
    // Published (active) workflows get their webhooks registered when `n8n start` boots.
    for (const id of Object.keys(PUBLISHED_WORKFLOWS)) {
      const published = await n8n(host, ['publish:workflow', `--id=${id}`]);
      assert.equal(published.code, 0, published.stdout + published.stderr);
    }
  });

  after(async () => {
    await stub?.close();
    await service?.close();
    if (work && !process.env.CHATTERBOX_E2E_KEEP) rmSync(work, { recursive: true, force: true });
  });

  test('workflow 1: the LLM writes a text in the configured language, the node speaks it as an audio file', async () => {
    const result = await n8n(host, ['execute', '--id=chatterboxLlmToFile', '--rawOutput'], 300_000);
    const run = parseRun(result.stdout);
    assert.equal(run.status, 'success', `${run.error}\n${result.stderr.slice(-2000)}`);
    assert.ok(
      stub.requests.some((r) => r.path === '/v1/chat/completions'),
      'the LLM stub was not called',
    );

    const spoken = run.nodes['Speak it'][0][0];
    assert.equal(spoken.json.status, 'COMPLETE');
    assert.equal(spoken.json.text_chars, SPOKEN_TEXT.length, 'the node did not speak the LLM text');
    const binary = binaryOf(spoken);
    assert.equal(binary.mimeType, 'audio/wav');
    assert.equal(binary.fileExtension, 'wav');
    assert.match(String(binary.fileName), /^briefing-\d{8}-\d{6}\.wav$/);
    // The language comes from the workflow's Settings node, for the LLM and the speech alike.
    assert.equal(spoken.json.language, run.nodes['Settings'][0][0].json.language);
    const prompt = JSON.stringify(stub.requests.find((r) => r.path === '/v1/chat/completions'));
    assert.match(prompt, /ISO 639-1 code \\+"en\\+"/);
    const seconds = (spoken.json.audio as { duration_seconds: number }).duration_seconds;
    assertAudio(binary.bytes, 'wav', seconds);
  });

  describe('with n8n serving webhooks (n8n start)', () => {
    let server: RunningN8n;

    before(async () => {
      server = await startN8n(host, Object.values(PUBLISHED_WORKFLOWS));
    });
    after(async () => {
      await server?.stop();
    });

    test('workflow 2: a POST to the webhook is answered with the spoken audio', async () => {
      const response = await fetch(`${server.url}/webhook/tts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'Hello from the webhook.', language: 'en' }),
      });
      assert.equal(
        response.status,
        200,
        `${await response.clone().text()}\n${server.output().slice(-3000)}`,
      );
      assert.equal(response.headers.get('content-type'), 'audio/wav');
      const bytes = Buffer.from(await response.arrayBuffer());
      const wav = parseWav(bytes);
      assertAudio(bytes, 'wav', wav.durationSeconds);
    });

    test('workflow 3: the job is submitted with the resume URL, the service calls back, the audio is downloaded', async () => {
      try {
        const result = await n8n(
          host,
          ['execute', '--id=chatterboxCallback', '--rawOutput'],
          120_000,
        );
        const started = parseRun(result.stdout);
        assert.equal(started.status, 'waiting', `${started.error}\n${result.stderr.slice(-2000)}`);
        const submitted = started.nodes['Submit speech job'][0][0].json;
        const jobId = String(submitted.chatterbox_id);
        assert.equal(submitted.status, 'QUEUED');

        // The resumed execution ends with Download audio (binary output, no file on disk).
        const finished = await waitFor(
          'the resumed execution to be saved as successful',
          CALLBACK_WAIT_MS,
          () => {
            const [execution] = executionsOf(host, 'chatterboxCallback');
            return execution?.status === 'success' ? execution : undefined;
          },
        );
        assert.equal(finished.finished, 1);

        const status = await (
          await fetch(`${service.baseUrl}/tts/status/${jobId}`, {
            headers: { authorization: `Bearer ${service.apiKey}` },
          })
        ).json();
        assert.equal(status.status, 'COMPLETE');
        const audio = await fetch(`${service.baseUrl}/tts/audio/${jobId}`, {
          headers: { authorization: `Bearer ${service.apiKey}` },
        });
        assertAudio(Buffer.from(await audio.arrayBuffer()), 'wav', status.audio.duration_seconds);
      } catch (error) {
        throw new Error(
          `${(error as Error).message}\n--- n8n start output (tail) ---\n${server.output().slice(-4000)}`,
        );
      }
    });
  });
});

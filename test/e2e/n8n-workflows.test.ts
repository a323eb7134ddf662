/**
 * End to end in real n8n 2.41.1 (Node 24), headless: the built package is packed and laid
 * out as a community package, the example workflows and the suite's job workflow
 * (helpers/job-workflow.ts) are imported and executed from the command line against the real
 * service (tiny model; tiny-slow for a timeout) and a loopback OpenAI-compatible stub; the
 * credential test runs through n8n's REST API on `n8n start`.
 *
 * Run: npm run test:e2e   (first run installs n8n into ~/.cache/chatterbox-n8n-e2e: ~4 min, 2.9 GB)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseWav } from '../nodes/helpers/audio-probe.ts';
import type { RunningService } from '../nodes/helpers/service.ts';
import { assertAudio, binaryOf, durationOf } from './helpers/audio-assertions.ts';
import {
  CHAINED_TEXT,
  FAST_CREDENTIAL,
  JOB_WORKFLOW_ID,
  MAX_PARALLEL_JOBS,
  PARALLEL_TEXTS,
  TIMEOUT_SECONDS,
} from './helpers/job-workflow.ts';
import {
  executionsOf,
  n8n,
  parseRun,
  startN8n,
  type RunningN8n,
  type WorkflowRun,
} from './helpers/n8n-host.ts';
import { ownerSession, testCredential } from './helpers/n8n-rest.ts';
import { setUpSuite, type Suite } from './helpers/suite.ts';

const SPOKEN_TEXT = 'Good morning, team. The build is green and the coffee is fresh.';
const CALLBACK_WAIT_MS = 120_000;
/** Workflows that run on their own trigger once `n8n start` activates them, and their webhook paths. */
const PUBLISHED_WORKFLOWS = { chatterboxWebhookTts: 'tts' };

let suite: Suite;

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

/** GET on the service with its key; the JSON answer and the HTTP status. */
async function serviceGet(target: RunningService, path: string) {
  const response = await fetch(`${target.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${target.apiKey}` },
  });
  return { status: response.status, body: await response.json() };
}

describe('real n8n', { timeout: 45 * 60_000 }, () => {
  before(async () => {
    suite = await setUpSuite(SPOKEN_TEXT, Object.keys(PUBLISHED_WORKFLOWS));
  });

  after(async () => {
    await suite?.close();
  });

  test('workflow 1: the LLM writes a text in the configured language, the node speaks it as an audio file', async () => {
    const result = await n8n(
      suite.host,
      ['execute', '--id=chatterboxLlmToFile', '--rawOutput'],
      300_000,
    );
    const run = parseRun(result.stdout);
    assert.equal(run.status, 'success', `${run.error}\n${result.stderr.slice(-2000)}`);
    assert.ok(
      suite.stub.requests.some((r) => r.path === '/v1/chat/completions'),
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
    const prompt = JSON.stringify(
      suite.stub.requests.find((r) => r.path === '/v1/chat/completions'),
    );
    assert.match(prompt, /ISO 639-1 code \\+"en\\+"/);
    assertAudio(binary.bytes, 'wav', durationOf(spoken.json));
  });

  describe("job handling: one execution of the suite's job workflow (one n8n boot)", () => {
    let run: WorkflowRun;

    before(async () => {
      const result = await n8n(
        suite.host,
        ['execute', `--id=${JOB_WORKFLOW_ID}`, '--rawOutput'],
        300_000,
      );
      run = parseRun(result.stdout);
      assert.equal(run.status, 'success', `${run.error}\n${result.stderr.slice(-2000)}`);
    });

    test('Job › Submit → Get Status (Wait Until Finished) → Download succeeds with no Wait node', () => {
      const submitted = run.nodes['Submit'][0][0].json;
      assert.equal(submitted.status, 'QUEUED');
      const finished = run.nodes['Wait until finished'][0][0].json;
      assert.equal(finished.chatterbox_id, submitted.chatterbox_id);
      assert.equal(finished.status, 'COMPLETE');
      const downloaded = run.nodes['Download'][0][0];
      assert.equal(downloaded.json.text_chars, CHAINED_TEXT.length);
      const binary = binaryOf(downloaded);
      assert.equal(binary.mimeType, 'audio/wav');
      assertAudio(binary.bytes, 'wav', durationOf(downloaded.json));
    });

    test('a Speech › Generate that times out leaves its job CANCELLED on the service, not deleted', async () => {
      const [failed] = run.nodes['Too slow'][0];
      assert.equal(failed.json.error, `The speech job did not finish within ${TIMEOUT_SECONDS} s`);
      const jobId = /Job ([0-9a-f-]{36})\./.exec(String(failed.json.description))?.[1];
      assert.ok(jobId, `no job id in ${JSON.stringify(failed.json)}`);
      assert.match(String(failed.json.description), /cancelled on the service/);
      const { status, body } = await serviceGet(suite.slowService, `/tts/status/${jobId}`);
      assert.equal(status, 200, 'the job is gone: it was deleted instead of cancelled');
      assert.equal(body.status, 'CANCELLED');
    });

    test(`${PARALLEL_TEXTS.length} items run concurrently (Max Parallel Jobs ${MAX_PARALLEL_JOBS}) and come back in item order`, async () => {
      const output = run.nodes['Speak all'][0];
      assert.equal(output.length, PARALLEL_TEXTS.length);
      output.forEach((item, i) => {
        assert.deepEqual(item.pairedItem, { item: i });
        assert.equal(item.json.text_chars, PARALLEL_TEXTS[i].length, `item ${i} is out of order`);
        assertAudio(binaryOf(item).bytes, 'wav', durationOf(item.json));
      });
      // Concurrently: every job was on the service before the first (longest) one finished;
      // one item after another, each job would be submitted after the previous one finished.
      const jobs = await Promise.all(
        output.map(async (item) => {
          const { body } = await serviceGet(
            suite.service,
            `/tts/status/${item.json.chatterbox_id}`,
          );
          return { created: Date.parse(body.created_at), finished: Date.parse(body.finished_at) };
        }),
      );
      const lastSubmitted = Math.max(...jobs.map((job) => job.created));
      const firstFinished = Math.min(...jobs.map((job) => job.finished));
      assert.ok(
        lastSubmitted < firstFinished,
        `the last job was submitted ${lastSubmitted - firstFinished} ms after the first one finished`,
      );
    });
  });

  describe('with n8n serving webhooks (n8n start)', () => {
    let server: RunningN8n;

    before(async () => {
      server = await startN8n(suite.host, Object.values(PUBLISHED_WORKFLOWS));
    });
    after(async () => {
      await server?.stop();
    });

    test('the credential test fails for a wrong API key and passes for the right one', async () => {
      const session = await ownerSession(server.url);
      const { baseUrl, apiKey } = suite.service;
      const credential = { ...FAST_CREDENTIAL, type: 'chatterboxApi' };
      const wrong = await testCredential(session, {
        ...credential,
        data: { baseUrl, apiKey: 'not-the-right-key-at-all' },
      });
      assert.equal(wrong.status, 'Error', JSON.stringify(wrong));
      assert.match(wrong.message, /The API key is wrong/);
      const right = await testCredential(session, { ...credential, data: { baseUrl, apiKey } });
      assert.equal(right.status, 'OK', JSON.stringify(right));
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
          suite.host,
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
            const [execution] = executionsOf(suite.host, 'chatterboxCallback');
            return execution?.status === 'success' ? execution : undefined;
          },
        );
        assert.equal(finished.finished, 1);

        const { body: status } = await serviceGet(suite.service, `/tts/status/${jobId}`);
        assert.equal(status.status, 'COMPLETE');
        const audio = await fetch(`${suite.service.baseUrl}/tts/audio/${jobId}`, {
          headers: { authorization: `Bearer ${suite.service.apiKey}` },
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

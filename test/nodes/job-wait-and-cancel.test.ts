/**
 * Job > Get Status with "Wait Until Finished" and Job > Cancel, chained as a user would,
 * against the real service (tiny model; the slow one keeps its single worker busy).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { createExecuteContext, runNode } from './helpers/execute-context.ts';
import { LONG_TEXT, credentialsOf, useFastAndSlowServices, type RunningService } from './helpers/service.ts';

const services = useFastAndSlowServices();

async function runJob(
  target: RunningService,
  operation: string,
  parameters: IDataObject,
): Promise<IDataObject> {
  const test = createExecuteContext({
    parameters: { resource: 'job', operation, ...parameters },
    credentials: credentialsOf(target),
  });
  const [item] = await runNode(test);
  return item.json;
}

describe('Job > Get Status: Wait Until Finished', () => {
  test('Submit, Get Status (wait), Download succeed in a row with no Wait node', async () => {
    const submitted = await runJob(services.fast, 'submit', { text: 'Chained like a workflow.' });
    assert.equal(submitted.status, 'QUEUED');
    const finished = await runJob(services.fast, 'getStatus', {
      jobId: submitted.chatterbox_id,
      waitUntilFinished: true,
      options: { pollInterval: 0.1 },
    });
    assert.equal(finished.status, 'COMPLETE');
    const download = createExecuteContext({
      parameters: { resource: 'job', operation: 'download', jobId: finished.chatterbox_id },
      credentials: credentialsOf(services.fast),
    });
    const [item] = await runNode(download);
    assert.ok(download.binaries.get(item.binary!.data.id!)!.length > 44);
  });

  test('without waiting, Get Status answers at once with the current state', async () => {
    const submitted = await runJob(services.slow, 'submit', { text: LONG_TEXT });
    const status = await runJob(services.slow, 'getStatus', { jobId: submitted.chatterbox_id });
    assert.ok(['QUEUED', 'PROCESSING'].includes(String(status.status)));
    await runJob(services.slow, 'cancel', { jobId: submitted.chatterbox_id });
  });

  test('a wait that times out cancels the job when asked, and says so', async () => {
    const submitted = await runJob(services.slow, 'submit', { text: LONG_TEXT });
    const test = createExecuteContext({
      parameters: {
        resource: 'job',
        operation: 'getStatus',
        jobId: submitted.chatterbox_id,
        waitUntilFinished: true,
        options: { pollInterval: 0.1, timeout: 1, cancelOnTimeout: true },
      },
      credentials: credentialsOf(services.slow),
    });
    await assert.rejects(runNode(test), (error: NodeOperationError) => {
      assert.equal(error.message, 'The speech job did not finish within 1 s');
      assert.match(error.description ?? '', /cancelled on the service/);
      return true;
    });
    const status = await runJob(services.slow, 'getStatus', { jobId: submitted.chatterbox_id });
    assert.equal(status.status, 'CANCELLED');
  });
});

describe('Job > Cancel', () => {
  test('stops a running job, which stays listed as CANCELLED; a second cancel says it is finished', async () => {
    const submitted = await runJob(services.slow, 'submit', { text: LONG_TEXT });
    const cancelled = await runJob(services.slow, 'cancel', { jobId: submitted.chatterbox_id });
    assert.equal(cancelled.chatterbox_id, submitted.chatterbox_id);
    assert.equal(cancelled.status, 'CANCELLED');
    const status = await runJob(services.slow, 'getStatus', { jobId: submitted.chatterbox_id });
    assert.equal(status.status, 'CANCELLED');

    await assert.rejects(
      runJob(services.slow, 'cancel', { jobId: submitted.chatterbox_id }),
      (error: NodeApiError) => {
        assert.equal(error.httpCode, '409');
        assert.equal(error.message, 'The job already finished, so there is nothing to cancel');
        assert.match(error.description ?? '', /code "job_finished"/);
        return true;
      },
    );
  });
});

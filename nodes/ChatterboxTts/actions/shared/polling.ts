import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import type { JobStatus } from './types';
import { FINISHED_STATES } from './types';

const MS_PER_SECOND = 1000;

export interface WaitSettings {
	/** Seconds between two status requests. */
	pollIntervalSeconds: number;
	/** Seconds to wait in total before giving up. */
	timeoutSeconds: number;
	/** Cancel the job on the service when the wait gives up, so it stops using the CPU. */
	cancelOnTimeout: boolean;
}

export async function getJobStatus(
	ctx: IExecuteFunctions,
	jobId: string,
	i: number,
): Promise<JobStatus> {
	const { body } = await apiRequest<JobStatus>(ctx, {
		method: 'GET',
		path: `/tts/status/${encodeURIComponent(jobId)}`,
		itemIndex: i,
	});
	return body;
}

/**
 * Polls the job's status until it is finished, sleeping between requests (the service does
 * the work; n8n only asks). Gives up after the timeout, and when the execution is cancelled.
 */
export async function waitForJob(
	ctx: IExecuteFunctions,
	jobId: string,
	i: number,
	settings: WaitSettings,
): Promise<JobStatus> {
	const deadline = Date.now() + settings.timeoutSeconds * MS_PER_SECOND;
	const cancelSignal = ctx.getExecutionCancelSignal?.();
	for (;;) {
		const status = await getJobStatus(ctx, jobId, i);
		if (FINISHED_STATES.includes(status.status)) return status;
		if (cancelSignal?.aborted) {
			await tryCancelJob(ctx, jobId, i);
			throw new NodeOperationError(ctx.getNode(), 'The execution was cancelled', { itemIndex: i });
		}
		const remainingMs = deadline - Date.now();
		if (remainingMs <= 0) throw await timeoutError(ctx, jobId, i, settings);
		await sleep(Math.min(settings.pollIntervalSeconds * MS_PER_SECOND, remainingMs));
	}
}

/** Throws unless the job finished with audio. */
export function assertJobComplete(ctx: IExecuteFunctions, status: JobStatus, i: number): void {
	if (status.status === 'COMPLETE') return;
	const reason = status.error?.message ?? `the job ended ${status.status}`;
	throw new NodeOperationError(ctx.getNode(), `Speech generation failed: ${reason}`, {
		itemIndex: i,
		description: `Job ${status.chatterbox_id} ended ${status.status}${
			status.error?.code ? ` with code "${status.error.code}"` : ''
		}`,
	});
}

async function timeoutError(
	ctx: IExecuteFunctions,
	jobId: string,
	i: number,
	settings: WaitSettings,
): Promise<NodeOperationError> {
	let outcome = 'The job keeps running; fetch it later with Job > Download Audio.';
	if (settings.cancelOnTimeout) {
		outcome = (await tryCancelJob(ctx, jobId, i))
			? 'The job was cancelled on the service (it stays listed as CANCELLED).'
			: 'Cancelling the job on the service failed; it may still finish.';
	}
	return new NodeOperationError(
		ctx.getNode(),
		`The speech job did not finish within ${settings.timeoutSeconds} s`,
		{
			itemIndex: i,
			description: `Job ${jobId}. ${outcome} Raise "Timeout" in the node's options for long texts.`,
		},
	);
}

/** POST /tts/jobs/{id}/cancel: stops a queued or running job, which stays listed as CANCELLED. */
export async function cancelJob(
	ctx: IExecuteFunctions,
	jobId: string,
	i: number,
): Promise<JobStatus> {
	const { body } = await apiRequest<JobStatus>(ctx, {
		method: 'POST',
		path: `/tts/jobs/${encodeURIComponent(jobId)}/cancel`,
		itemIndex: i,
	});
	return body;
}

/** Best effort, for timeouts and cancelled executions: reports whether the job was cancelled. */
async function tryCancelJob(ctx: IExecuteFunctions, jobId: string, i: number): Promise<boolean> {
	try {
		return (await cancelJob(ctx, jobId, i)).status === 'CANCELLED';
	} catch (error) {
		ctx.logger.warn(`Chatterbox: cancelling job ${jobId} failed: ${(error as Error).message}`);
		return false;
	}
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as job from './job';
import { DEFAULT_MAX_PARALLEL_JOBS } from './shared/wait';
import type { ChatterboxTtsType } from './node.type';
import * as speech from './speech';
import * as voice from './voice';

type Operation = (this: IExecuteFunctions, i: number) => Promise<INodeExecutionData[]>;

const operations: {
	[R in ChatterboxTtsType['resource']]: Record<
		Extract<ChatterboxTtsType, { resource: R }>['operation'],
		Operation
	>;
} = {
	speech: { generate: speech.generate.execute },
	job: {
		submit: job.submit.execute,
		getStatus: job.getStatus.execute,
		download: job.download.execute,
		cancel: job.cancel.execute,
		delete: job.delete.execute,
		list: job.list.execute,
	},
	voice: { upload: voice.upload.execute, list: voice.list.execute, delete: voice.delete.execute },
};

/** Operations that wait for jobs: their items run side by side, up to "Max Parallel Jobs". */
const PARALLEL_OPERATIONS = new Set(['speech.generate', 'job.getStatus']);

/**
 * Runs the chosen operation once per input item. Operations that wait for jobs work on up to
 * "Max Parallel Jobs" items at once, so their jobs are submitted together and waited for
 * together; the rest go one by one. Output keeps the input order, and every output item is
 * paired with the input item it came from. With "Continue On Fail" a failing item becomes an
 * error item and the others go on; without it the first failing item (in input order) fails
 * the node once the items already in progress have settled.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as ChatterboxTtsType['resource'];
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = (operations[resource] as Record<string, Operation> | undefined)?.[operation];
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not supported for "${resource}"`,
		);
	}
	const results: Array<INodeExecutionData[] | undefined> = new Array(items.length);
	let failure: { index: number; error: unknown } | undefined;
	const runItem = async (i: number): Promise<void> => {
		try {
			const output = await handler.call(this, i);
			results[i] = output.map((result) => ({ ...result, pairedItem: { item: i } }));
		} catch (error) {
			if (this.continueOnFail()) {
				results[i] = [{ json: errorJson(error), pairedItem: { item: i } }];
			} else if (failure === undefined || i < failure.index) {
				failure = { index: i, error };
			}
		}
	};
	await runBounded(
		items.length,
		parallelism.call(this, `${resource}.${operation}`),
		runItem,
		() => failure === undefined,
	);
	if (failure) throw itemError.call(this, failure.error, failure.index);
	return [results.flatMap((output) => output ?? [])];
}

function parallelism(this: IExecuteFunctions, operation: string): number {
	if (!PARALLEL_OPERATIONS.has(operation)) return 1;
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const limit = Number(options.maxParallelJobs ?? DEFAULT_MAX_PARALLEL_JOBS);
	return Number.isFinite(limit) && limit >= 1 ? Math.floor(limit) : 1;
}

/**
 * Calls `run(0..count-1)` with at most `limit` calls in flight, starting them in index order;
 * stops starting new ones once `keepGoing()` says so.
 */
async function runBounded(
	count: number,
	limit: number,
	run: (index: number) => Promise<void>,
	keepGoing: () => boolean,
): Promise<void> {
	let next = 0;
	const lane = async (): Promise<void> => {
		while (next < count && keepGoing()) await run(next++);
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
}

/**
 * Both constructors hand back an error of their own kind unchanged (it already names its
 * item); anything else is wrapped so n8n shows it on this item.
 */
function itemError(this: IExecuteFunctions, error: unknown, i: number): Error {
	if (error instanceof NodeApiError) {
		return new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex: i });
	}
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
}

/** What a failed item carries on with "Continue On Fail": enough to branch on or log. */
function errorJson(error: unknown): IDataObject {
	const json: IDataObject = { error: (error as Error).message };
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.description) json.description = error.description;
	}
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	return json;
}

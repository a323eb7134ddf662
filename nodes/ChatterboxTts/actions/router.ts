import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as job from './job';
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
		delete: job.delete.execute,
		list: job.list.execute,
	},
	voice: { upload: voice.upload.execute, list: voice.list.execute, delete: voice.delete.execute },
};

/**
 * Runs the chosen operation once per input item. Every output item is paired with the
 * input item it came from; with "Continue On Fail" a failing item becomes an error item
 * and the others go on.
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
	const returnData: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			const results = await handler.call(this, i);
			for (const result of results) returnData.push({ ...result, pairedItem: { item: i } });
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({ json: errorJson(error), pairedItem: { item: i } });
				continue;
			}
			// Both constructors hand back an error of their own kind unchanged (it already
			// names its item); anything else is wrapped so n8n shows it on this item.
			if (error instanceof NodeApiError) {
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex: i });
			}
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
		}
	}
	return [returnData];
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

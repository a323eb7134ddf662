import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jobIdProperty } from '../shared/descriptions';
import { getJobStatus } from '../shared/polling';

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['getStatus'] } },
	[jobIdProperty] as INodeProperties[],
);

/** The job's state, progress, parameters and, once complete, audio facts. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const jobId = this.getNodeParameter('jobId', i) as string;
	return [{ json: await getJobStatus(this, jobId, i) }];
}

import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jobIdProperty } from '../shared/descriptions';
import { cancelJob } from '../shared/polling';

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['cancel'] } },
	[jobIdProperty] as INodeProperties[],
);

/** Stop a queued or running job; it stays listed as CANCELLED (Delete removes it). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const jobId = this.getNodeParameter('jobId', i) as string;
	return [{ json: await cancelJob(this, jobId, i) }];
}

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { jobIdProperty } from '../shared/descriptions';

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['delete'] } },
	[jobIdProperty] as INodeProperties[],
);

/** Remove a job and its audio; a queued or running job is cancelled first. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const jobId = this.getNodeParameter('jobId', i) as string;
	const { body } = await apiRequest<IDataObject>(this, {
		method: 'DELETE',
		path: `/tts/jobs/${encodeURIComponent(jobId)}`,
		itemIndex: i,
	});
	return [{ json: body }];
}

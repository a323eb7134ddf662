import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jobIdProperty } from '../shared/descriptions';
import { getJobStatus, waitForJob } from '../shared/polling';
import { maxParallelJobsOption, readWaitSettings, waitOptions } from '../shared/wait';

const properties: INodeProperties[] = [
	jobIdProperty,
	{
		displayName: 'Wait Until Finished',
		name: 'waitUntilFinished',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until the job is complete, failed or cancelled before passing the item on, so a Download Audio can follow directly',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { waitUntilFinished: [true] } },
		options: [...waitOptions, maxParallelJobsOption].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['getStatus'] } },
	properties,
);

/** The job's state, progress, parameters and, once complete, audio facts; optionally once finished. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const jobId = this.getNodeParameter('jobId', i) as string;
	if (!(this.getNodeParameter('waitUntilFinished', i, false) as boolean)) {
		return [{ json: await getJobStatus(this, jobId, i) }];
	}
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	return [{ json: await waitForJob(this, jobId, i, readWaitSettings(options)) }];
}

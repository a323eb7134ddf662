import type { INodeProperties } from 'n8n-workflow';

import * as deleteJob from './delete.operation';
import * as download from './download.operation';
import * as getStatus from './getStatus.operation';
import * as list from './list.operation';
import * as submit from './submit.operation';

export { deleteJob as delete, download, getStatus, list, submit };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['job'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a job',
				description: 'Cancel a queued or running job, or remove a finished one and its audio',
			},
			{
				name: 'Download Audio',
				value: 'download',
				action: 'Download the audio of a job',
				description: "Get a finished job's audio file as binary data",
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the status of a job',
				description: "Get a job's state, progress and audio details",
			},
			{
				name: 'List',
				value: 'list',
				action: 'List jobs',
				description: 'List jobs, newest first',
			},
			{
				name: 'Submit',
				value: 'submit',
				action: 'Submit a speech job',
				description:
					'Queue text for speech and return the job ID at once; optionally call a URL (e.g. a Wait node) when done',
			},
		],
		default: 'submit',
	},
	...submit.description,
	...getStatus.description,
	...download.description,
	...deleteJob.description,
	...list.description,
];

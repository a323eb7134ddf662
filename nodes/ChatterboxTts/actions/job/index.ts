import type { INodeProperties } from 'n8n-workflow';

import * as cancel from './cancel.operation';
import * as deleteJob from './delete.operation';
import * as download from './download.operation';
import * as getStatus from './getStatus.operation';
import * as list from './list.operation';
import * as submit from './submit.operation';

export { cancel, deleteJob as delete, download, getStatus, list, submit };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['job'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a job',
				description: 'Stop a queued or running job; it stays listed as cancelled',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a job',
				description: 'Remove a job and its audio from the service, cancelling it first if needed',
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
	...cancel.description,
	...deleteJob.description,
	...list.description,
];

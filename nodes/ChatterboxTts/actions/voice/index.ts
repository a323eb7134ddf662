import type { INodeProperties } from 'n8n-workflow';

import * as deleteVoice from './delete.operation';
import * as list from './list.operation';
import * as upload from './upload.operation';

export { deleteVoice as delete, list, upload };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['voice'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a voice',
				description: 'Remove an uploaded voice',
			},
			{
				name: 'List',
				value: 'list',
				action: 'List voices',
				description: 'List the built-in voice and all uploaded voices',
			},
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload a voice',
				description: 'Clone a voice from a short recording in an input binary field',
			},
		],
		default: 'list',
	},
	...upload.description,
	...list.description,
	...deleteVoice.description,
];

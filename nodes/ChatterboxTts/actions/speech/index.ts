import type { INodeProperties } from 'n8n-workflow';

import * as generate from './generate.operation';

export { generate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['speech'] } },
		options: [
			{
				name: 'Generate',
				value: 'generate',
				action: 'Generate speech from text',
				description:
					'Turn text into an audio file: submit it, wait until it is ready, and output the file as binary data',
			},
		],
		default: 'generate',
	},
	...generate.description,
];

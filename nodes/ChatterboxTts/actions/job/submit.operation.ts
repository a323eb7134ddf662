import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	formatProperty,
	generationOptions,
	languageProperty,
	textProperty,
	voiceProperty,
} from '../shared/descriptions';
import { buildSynthesisBody, submitSynthesis } from '../shared/synthesis';

const properties: INodeProperties[] = [
	textProperty,
	languageProperty,
	voiceProperty,
	formatProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Callback URL',
				name: 'callbackUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. {{ $execution.resumeUrl }}',
				description:
					'URL the service POSTs the finished job\'s status to. Use {{ $execution.resumeUrl }} with a Wait node set to "On Webhook Call" to continue the workflow when the audio is ready, without polling.',
			},
			...generationOptions,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['submit'] } },
	properties,
);

/** Queue a synthesis job and return its ID and URLs at once. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const job = await submitSynthesis.call(this, i, buildSynthesisBody.call(this, i));
	return [{ json: job }];
}

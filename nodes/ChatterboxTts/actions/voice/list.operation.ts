import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import type { Voice } from '../shared/types';

export const description = updateDisplayOptions(
	{ show: { resource: ['voice'], operation: ['list'] } },
	[] as INodeProperties[],
);

/** The built-in default voice and every uploaded voice, one output item each. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { body } = await apiRequest<{ voices: Voice[] }>(this, {
		method: 'GET',
		path: '/voices',
		itemIndex: i,
	});
	return body.voices.map((voice) => ({ json: voice }));
}

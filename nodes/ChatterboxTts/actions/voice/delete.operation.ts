import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Voice Name or ID',
		name: 'voiceId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getUploadedVoices' },
		default: '',
		required: true,
		description:
			'Uploaded voice to delete (the built-in default cannot be deleted). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['voice'], operation: ['delete'] } },
	properties,
);

/** Remove an uploaded voice from the service. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const voiceId = this.getNodeParameter('voiceId', i) as string;
	const { body } = await apiRequest<IDataObject>(this, {
		method: 'DELETE',
		path: `/voices/${encodeURIComponent(voiceId)}`,
		itemIndex: i,
	});
	return [{ json: body }];
}

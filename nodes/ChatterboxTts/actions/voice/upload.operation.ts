import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { encodeMultipart } from '../../transport/multipart';
import type { Voice } from '../shared/types';

const properties: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the reference recording',
		description:
			'A clean recording of one speaker, ideally 5 to 30 seconds, in any common audio format (WAV, MP3, FLAC, OGG, ...)',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Support desk voice',
		description: 'Name shown in the voice list. Default: the file name.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['voice'], operation: ['upload'] } },
	properties,
);

/** Store a reference recording on the service; its ID can then be used as "Voice". */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', i) as string;
	const name = this.getNodeParameter('name', i, '') as string;
	const binary = this.helpers.assertBinaryData(i, binaryPropertyName);
	const data = await this.helpers.getBinaryDataBuffer(i, binaryPropertyName);
	const fileName = binary.fileName ?? `voice.${binary.fileExtension ?? 'wav'}`;
	const fields: Record<string, string> = {};
	if (name) fields.name = name;
	const multipart = encodeMultipart(fields, [
		{ field: 'file', fileName, mimeType: binary.mimeType || 'application/octet-stream', data },
	]);
	const { body } = await apiRequest<Voice>(this, {
		method: 'POST',
		path: '/voices',
		body: multipart.body,
		headers: { 'Content-Type': multipart.contentType } as IDataObject,
		itemIndex: i,
	});
	return [{ json: body }];
}

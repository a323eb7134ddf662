import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { DownloadedAudio } from '../shared/audio';
import { downloadAudio } from '../shared/audio';
import {
	CAPTIONS_BINARY_PROPERTY,
	captionsFormat,
	captionsOption,
	downloadCaptions,
} from '../shared/captions';
import { AUDIO_FORMAT_OPTIONS, binaryOutputProperty, jobIdProperty } from '../shared/descriptions';
import { getJobStatus } from '../shared/polling';
import type { JobStatus } from '../shared/types';

const properties: INodeProperties[] = [
	jobIdProperty,
	{
		displayName: 'Format',
		name: 'format',
		type: 'options',
		options: [
			{ name: 'As Generated', value: '', description: 'The format the job was submitted with' },
			...AUDIO_FORMAT_OPTIONS,
		],
		default: '',
		description: 'Convert the audio to another format on the way out',
	},
	binaryOutputProperty(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			captionsOption,
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. greeting.mp3',
				description:
					"File name of the binary output. Default: the job ID with the format's extension.",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['download'] } },
	properties,
);

/** Fetch a finished job's audio as binary data, with the job's status (as delivered) as JSON. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const jobId = this.getNodeParameter('jobId', i) as string;
	const format = this.getNodeParameter('format', i, '') as string;
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', i) as string;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const audio = await downloadAudio(this, i, {
		jobId,
		format,
		fileName: options.fileName as string | undefined,
	});
	const binary: IBinaryKeyData = { [binaryPropertyName]: audio.binary };
	const captions = captionsFormat(options.captions);
	if (captions) binary[CAPTIONS_BINARY_PROPERTY] = await downloadCaptions(this, i, jobId, captions);
	const status = await getJobStatus(this, jobId, i);
	return [{ json: deliveredStatus(status, audio), binary }];
}

/** The job's status with `audio` describing the file delivered (converted or not), not the stored one. */
function deliveredStatus(status: JobStatus, audio: DownloadedAudio): JobStatus {
	if (!status.audio) return status;
	return {
		...status,
		audio: {
			...status.audio,
			format: audio.format,
			content_type: audio.contentType,
			bytes: audio.bytes,
		},
	};
}

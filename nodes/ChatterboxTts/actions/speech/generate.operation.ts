import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { downloadAudio } from '../shared/audio';
import {
	CAPTIONS_BINARY_PROPERTY,
	captionsFormat,
	captionsOption,
	downloadCaptions,
} from '../shared/captions';
import {
	binaryOutputProperty,
	formatProperty,
	generationOptions,
	languageProperty,
	textProperty,
	voiceProperty,
} from '../shared/descriptions';
import { assertJobComplete, waitForJob } from '../shared/polling';
import { buildSynthesisBody, submitSynthesis } from '../shared/synthesis';
import { maxParallelJobsOption, readWaitSettings, waitOptions } from '../shared/wait';

/** What Generate does with the finished job, besides waiting for it. */
const outputOptions: INodeProperties[] = [
	captionsOption,
	{
		displayName: 'Delete Job After Download',
		name: 'deleteAfterDownload',
		type: 'boolean',
		default: false,
		description: 'Whether to delete the job and its audio from the service once the file is in n8n',
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. greeting.mp3',
		description: "File name of the binary output. Default: the job ID with the format's extension.",
	},
];

const properties: INodeProperties[] = [
	textProperty,
	languageProperty,
	voiceProperty,
	formatProperty,
	binaryOutputProperty(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...generationOptions, ...waitOptions, ...outputOptions, maxParallelJobsOption].sort(
			(a, b) => a.displayName.localeCompare(b.displayName),
		),
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['speech'], operation: ['generate'] } },
	properties,
);

/** Submit, wait until the job is finished, then return the audio as binary data. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', i) as string;
	const job = await submitSynthesis.call(this, i, buildSynthesisBody.call(this, i));
	const status = await waitForJob(this, job.chatterbox_id, i, readWaitSettings(options));
	assertJobComplete(this, status, i);
	const audio = await downloadAudio(this, i, {
		jobId: job.chatterbox_id,
		fileName: options.fileName as string | undefined,
	});
	const binary: IBinaryKeyData = { [binaryPropertyName]: audio.binary };
	const captions = captionsFormat(options.captions);
	if (captions) {
		binary[CAPTIONS_BINARY_PROPERTY] = await downloadCaptions(this, i, job.chatterbox_id, captions);
	}
	if (options.deleteAfterDownload) {
		await apiRequest(this, {
			method: 'DELETE',
			path: `/tts/jobs/${encodeURIComponent(job.chatterbox_id)}`,
			itemIndex: i,
		});
	}
	return [{ json: status, binary }];
}

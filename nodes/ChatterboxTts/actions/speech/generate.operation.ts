import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import { downloadAudio } from '../shared/audio';
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

/** Defaults for the wait: most texts finish in seconds, 20,000 characters take minutes on a CPU. */
const DEFAULT_POLL_INTERVAL_SECONDS = 2;
const DEFAULT_TIMEOUT_SECONDS = 600;

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
		options: [...generationOptions, ...waitOptions()].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
];

/** How Generate waits for the audio and what it does with the finished job. */
function waitOptions(): INodeProperties[] {
	return [
		{
			displayName: 'Cancel Job on Timeout',
			name: 'cancelOnTimeout',
			type: 'boolean',
			default: true,
			description:
				'Whether to cancel the job on the service when the timeout is reached, so it stops using CPU time',
		},
		{
			displayName: 'Delete Job After Download',
			name: 'deleteAfterDownload',
			type: 'boolean',
			default: false,
			description:
				'Whether to delete the job and its audio from the service once the file is in n8n',
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. greeting.mp3',
			description:
				"File name of the binary output. Default: the job ID with the format's extension.",
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 1 },
			default: DEFAULT_POLL_INTERVAL_SECONDS,
			description: 'How often to ask the service whether the audio is ready',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_SECONDS,
			description:
				'How long to wait for the audio before failing. Long texts on a CPU take about as long as the speech itself, or longer.',
		},
	];
}

export const description = updateDisplayOptions(
	{ show: { resource: ['speech'], operation: ['generate'] } },
	properties,
);

/** Submit, wait until the job is finished, then return the audio as binary data. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const binaryPropertyName = this.getNodeParameter('binaryPropertyName', i) as string;
	const job = await submitSynthesis.call(this, i, buildSynthesisBody.call(this, i));
	const status = await waitForJob(this, job.chatterbox_id, i, {
		pollIntervalSeconds: (options.pollInterval as number) ?? DEFAULT_POLL_INTERVAL_SECONDS,
		timeoutSeconds: (options.timeout as number) ?? DEFAULT_TIMEOUT_SECONDS,
		cancelOnTimeout: (options.cancelOnTimeout as boolean) ?? true,
	});
	assertJobComplete(this, status, i);
	const binary = await downloadAudio(this, i, {
		jobId: job.chatterbox_id,
		fileName: options.fileName as string | undefined,
	});
	if (options.deleteAfterDownload) {
		await apiRequest(this, {
			method: 'DELETE',
			path: `/tts/jobs/${encodeURIComponent(job.chatterbox_id)}`,
			itemIndex: i,
		});
	}
	return [{ json: status, binary: { [binaryPropertyName]: binary } }];
}

import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as job from './actions/job';
import { router } from './actions/router';
import * as speech from './actions/speech';
import * as voice from './actions/voice';
import * as loadOptions from './methods/loadOptions';

/**
 * Chatterbox TTS: text to speech in 23 languages on a self-hosted Chatterbox service.
 * Programmatic rather than declarative: Generate chains submit, poll and download,
 * and audio comes back as binary data.
 */
export class ChatterboxTts implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Chatterbox TTS',
		name: 'chatterboxTts',
		icon: { light: 'file:chatterbox.svg', dark: 'file:chatterbox.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Turn text into natural speech in 23 languages, with cloned voices, on your own Chatterbox server',
		defaults: { name: 'Chatterbox TTS' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// As an AI tool the node returns the job's JSON (ID, duration, URLs); binary stays in the workflow.
		usableAsTool: true,
		credentials: [{ name: 'chatterboxApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Job', value: 'job' },
					{ name: 'Speech', value: 'speech' },
					{ name: 'Voice', value: 'voice' },
				],
				default: 'speech',
			},
			...speech.description,
			...job.description,
			...voice.description,
		],
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

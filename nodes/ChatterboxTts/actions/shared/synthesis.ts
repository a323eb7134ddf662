import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiRequest } from '../../transport';
import type { SubmittedJob } from './types';

/** Node option name -> request field of POST /tts/synthesize. */
const GENERATION_FIELDS: Record<string, string> = {
	exaggeration: 'exaggeration',
	cfgWeight: 'cfg_weight',
	temperature: 'temperature',
	repetitionPenalty: 'repetition_penalty',
	minP: 'min_p',
	normalizeText: 'normalize',
	topP: 'top_p',
	seed: 'seed',
	speed: 'speed',
};

/** Reads the item's synthesis parameters into the service's request body. */
export function buildSynthesisBody(this: IExecuteFunctions, i: number): IDataObject {
	const text = this.getNodeParameter('text', i) as string;
	if (typeof text !== 'string' || text.trim() === '') {
		throw new NodeOperationError(this.getNode(), 'The text to speak is empty', {
			itemIndex: i,
			description: 'Map a text field into "Text", e.g. {{ $json.text }}',
		});
	}
	const body: IDataObject = {
		text,
		language: this.getNodeParameter('language', i) as string,
		voice: this.getNodeParameter('voice', i) as string,
		format: this.getNodeParameter('format', i) as string,
	};
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	for (const [option, field] of Object.entries(GENERATION_FIELDS)) {
		if (options[option] !== undefined && options[option] !== '') body[field] = options[option];
	}
	if (options.callbackUrl) body.callback_url = options.callbackUrl;
	return body;
}

/** Submits one synthesis job; answers as soon as the service has queued it. */
export async function submitSynthesis(
	this: IExecuteFunctions,
	i: number,
	body: IDataObject,
): Promise<SubmittedJob> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const headers: IDataObject = {};
	if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
	const response = await apiRequest<SubmittedJob>(this, {
		method: 'POST',
		path: '/tts/synthesize',
		body,
		headers,
		itemIndex: i,
	});
	return response.body;
}

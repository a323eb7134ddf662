import type { INodeProperties } from 'n8n-workflow';

/**
 * Parameters shared by Speech > Generate and Job > Submit. Bounds and defaults mirror the
 * service's request schema (POST /tts/synthesize); the service validates them again.
 */

export const AUDIO_FORMAT_OPTIONS = [
	{ name: 'AAC', value: 'aac', description: 'AAC in an ADTS stream (.aac)' },
	{ name: 'FLAC', value: 'flac', description: 'Lossless, about half the size of WAV' },
	{ name: 'MP3', value: 'mp3', description: 'Plays everywhere; good for chat apps and e-mail' },
	{ name: 'Opus', value: 'opus', description: 'Ogg Opus; small, used for Telegram voice notes' },
	{
		name: 'PCM',
		value: 'pcm',
		description: 'Raw 16-bit little-endian mono samples at 24 kHz, no header',
	},
	{ name: 'WAV', value: 'wav', description: 'Uncompressed 16-bit, 24 kHz mono' },
];

export const textProperty: INodeProperties = {
	displayName: 'Text',
	name: 'text',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	required: true,
	placeholder: 'e.g. Hello! Your order has shipped.',
	description:
		'Text to speak, up to 20,000 characters. Long texts are split into sentences and joined into one file.',
};

export const languageProperty: INodeProperties = {
	displayName: 'Language Name or ID',
	name: 'language',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getLanguages' },
	default: 'en',
	description:
		'Language of the text. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const voiceProperty: INodeProperties = {
	displayName: 'Voice Name or ID',
	name: 'voice',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getVoices' },
	default: 'default',
	description:
		'Voice to speak with: the built-in default or a voice uploaded with Voice > Upload. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const formatProperty: INodeProperties = {
	displayName: 'Output Format',
	name: 'format',
	type: 'options',
	options: AUDIO_FORMAT_OPTIONS,
	default: 'wav',
	description: 'Audio format of the generated file',
};

export const jobIdProperty: INodeProperties = {
	displayName: 'Job ID',
	name: 'jobId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. {{ $json.chatterbox_id }}',
	description: 'The chatterbox_id returned when the job was submitted',
};

export function binaryOutputProperty(): INodeProperties {
	return {
		displayName: 'Put Output in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Name of the binary field the audio file is written to',
	};
}

/** Sampling controls, in a collection so the defaults stay out of the way. */
export const generationOptions: INodeProperties[] = [
	{
		displayName: 'CFG Weight',
		name: 'cfgWeight',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
		default: 0.5,
		description:
			'How closely the delivery follows the voice (classifier-free guidance), 0 to 1. Lower it (e.g. 0.3) to slow down a fast speaker; 0 turns guidance off.',
	},
	{
		displayName: 'Exaggeration',
		name: 'exaggeration',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
		default: 0.5,
		description:
			'Emotional intensity, 0 to 2. 0.5 sounds neutral; higher values are more expressive and usually faster.',
	},
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		description:
			'Any unique string. Sending the same key again returns the first job instead of creating a new one, so retries never synthesize twice.',
	},
	{
		displayName: 'Min P',
		name: 'minP',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 3 },
		default: 0.05,
		description:
			'Drops speech tokens whose probability is below this share of the most likely one, 0 to 1. 0 turns it off.',
	},
	{
		displayName: 'Normalize Text',
		name: 'normalizeText',
		type: 'boolean',
		default: true,
		description:
			'Whether to make the text speakable first: numbers, dates, units, symbols and Markdown become words in the chosen language. Turn it off to read the text exactly as written. The item\'s spoken_text shows what was read.',
	},
	{
		displayName: 'Repetition Penalty',
		name: 'repetitionPenalty',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3, numberPrecision: 2 },
		default: 2,
		description: 'Discourages repeated sounds and stutters, 1 (off) to 3',
	},
	{
		displayName: 'Seed',
		name: 'seed',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 4294967295, numberPrecision: 0 },
		default: 0,
		description:
			'Fixed random seed, so the same text and settings give the same audio. Leave this option out for a random seed; the job records the seed it used.',
	},
	{
		displayName: 'Speed',
		name: 'speed',
		type: 'number',
		typeOptions: { minValue: 0.25, maxValue: 4, numberPrecision: 2 },
		default: 1,
		description:
			'Tempo of the finished audio, 0.25 to 4; the pitch stays the same. 1 is the natural pace.',
	},
	{
		displayName: 'Temperature',
		name: 'temperature',
		type: 'number',
		typeOptions: { minValue: 0.05, maxValue: 5, numberPrecision: 2 },
		default: 0.8,
		description: 'Randomness of the speech, 0.05 to 5. Lower is steadier, higher is more varied.',
	},
	{
		displayName: 'Top P',
		name: 'topP',
		type: 'number',
		typeOptions: { minValue: 0.01, maxValue: 1, numberPrecision: 2 },
		default: 1,
		description:
			'Keeps the smallest set of likely speech tokens whose probabilities add up to this value, 0.01 to 1. 1 turns it off.',
	},
];

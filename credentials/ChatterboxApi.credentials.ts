import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Where the Chatterbox speech service runs and the key it expects.
 * The key travels as `Authorization: Bearer <key>`; a service started without
 * CHATTERBOX_API_KEYS ignores it, so the field may stay empty there.
 */
export class ChatterboxApi implements ICredentialType {
	name = 'chatterboxApi';

	displayName = 'Chatterbox API';

	icon: Icon = {
		light: 'file:../nodes/ChatterboxTts/chatterbox.svg',
		dark: 'file:../nodes/ChatterboxTts/chatterbox.dark.svg',
	};

	documentationUrl = 'https://github.com/chatterbox-speech/n8n-nodes-chatterbox#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://127.0.0.1:8123',
			placeholder: 'http://127.0.0.1:8123',
			description:
				'Address of the Chatterbox service, without a trailing path (for example http://tts.internal:8123)',
			required: true,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"One of the keys listed in the service's CHATTERBOX_API_KEYS. Leave empty if the service runs without keys.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	// GET /tts/jobs needs the key (GET /health does not), so the test checks both the address
	// and the key; the rules tell the two apart.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/tts/jobs',
			qs: { limit: 1 },
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						"The API key is wrong: the Chatterbox service at this Base URL rejected it. Enter one of the keys in the service's CHATTERBOX_API_KEYS.",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'The Base URL is wrong: no Chatterbox service answers there. Use the address of the service without a path, e.g. http://127.0.0.1:8123.',
				},
			},
		],
	};
}

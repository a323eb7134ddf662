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

	// /health answers without a key, so this proves the address; a wrong key shows up on first use.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/health',
			method: 'GET',
		},
	};
}

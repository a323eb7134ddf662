import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { Language, Voice } from '../actions/shared/types';
import { apiRequest } from '../transport';

/** The service's 23 languages, by name. */
export async function getLanguages(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { body } = await apiRequest<{ languages: Language[] }>(this, {
		method: 'GET',
		path: '/languages',
	});
	return body.languages
		.map((language) => ({ name: language.name, value: language.code, description: language.code }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The built-in default voice first, then uploaded voices by name. */
export async function getVoices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await listVoices(this)).map(toOption);
}

/** Only uploaded voices: the built-in one cannot be deleted. */
export async function getUploadedVoices(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return (await listVoices(this)).filter((voice) => !voice.builtin).map(toOption);
}

async function listVoices(ctx: ILoadOptionsFunctions): Promise<Voice[]> {
	const { body } = await apiRequest<{ voices: Voice[] }>(ctx, { method: 'GET', path: '/voices' });
	return [...body.voices].sort(
		(a, b) =>
			Number(Boolean(b.builtin)) - Number(Boolean(a.builtin)) || a.name.localeCompare(b.name),
	);
}

function toOption(voice: Voice): INodePropertyOptions {
	return { name: voice.name, value: voice.id, description: voice.id };
}

import type { IBinaryData, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiRequest } from '../../transport';

/** Caption formats of GET /tts/captions/{id}, with the MIME type n8n stores the file under. */
const CAPTION_MIME_TYPES: Record<string, string> = {
	srt: 'application/x-subrip',
	vtt: 'text/vtt',
};

/** The binary field captions go to, next to the audio's. */
export const CAPTIONS_BINARY_PROPERTY = 'captions';

export const captionsOption: INodeProperties = {
	displayName: 'Captions',
	name: 'captions',
	type: 'options',
	options: [
		{ name: 'None', value: 'none', description: 'Audio only' },
		{ name: 'SRT', value: 'srt', description: 'SubRip subtitles (.srt)' },
		{ name: 'WebVTT', value: 'vtt', description: 'Web Video Text Tracks (.vtt)' },
	],
	default: 'none',
	description:
		'Also output captions of the audio, one cue per sentence with its real timing and the text as written, in the binary field "captions"',
};

/** The chosen caption format, or undefined for none. */
export function captionsFormat(value: unknown): string | undefined {
	return typeof value === 'string' && value in CAPTION_MIME_TYPES ? value : undefined;
}

/** Downloads a finished job's captions and hands them to n8n's binary data store. */
export async function downloadCaptions(
	ctx: IExecuteFunctions,
	i: number,
	jobId: string,
	format: string,
): Promise<IBinaryData> {
	const response = await apiRequest<Buffer | ArrayBuffer>(ctx, {
		method: 'GET',
		path: `/tts/captions/${encodeURIComponent(jobId)}`,
		qs: { format },
		binary: true,
		itemIndex: i,
	});
	return await ctx.helpers.prepareBinaryData(
		Buffer.from(response.body as Buffer),
		`${jobId}.${format}`,
		CAPTION_MIME_TYPES[format],
	);
}

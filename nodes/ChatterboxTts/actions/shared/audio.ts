import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest } from '../../transport';

/** Fallback MIME types, for a service that sends none. */
const MIME_TYPES: Record<string, string> = {
	aac: 'audio/aac',
	flac: 'audio/flac',
	mp3: 'audio/mpeg',
	opus: 'audio/ogg',
	pcm: 'audio/L16',
	wav: 'audio/wav',
};

export interface DownloadRequest {
	jobId: string;
	/** Convert to this format on download; empty keeps the job's own format. */
	format?: string;
	/** Overrides the service's file name (`<id>.<ext>`). */
	fileName?: string;
}

export interface DownloadedAudio {
	binary: IBinaryData;
	/** What was delivered, which differs from the job's stored audio after a conversion. */
	format: string;
	contentType: string;
	bytes: number;
}

/**
 * Downloads a finished job's audio as raw bytes and hands them to n8n's binary data
 * store, so large files never travel as base64 inside the item's JSON.
 */
export async function downloadAudio(
	ctx: IExecuteFunctions,
	i: number,
	request: DownloadRequest,
): Promise<DownloadedAudio> {
	const qs: IDataObject = {};
	if (request.format) qs.format = request.format;
	const response = await apiRequest<Buffer | ArrayBuffer>(ctx, {
		method: 'GET',
		path: `/tts/audio/${encodeURIComponent(request.jobId)}`,
		qs,
		binary: true,
		itemIndex: i,
	});
	const bytes = Buffer.from(response.body as Buffer);
	const contentType = header(response.headers, 'content-type');
	const extension =
		request.format || extensionOf(contentDispositionName(response.headers)) || 'wav';
	const mimeType =
		contentType?.split(';')[0].trim() || MIME_TYPES[extension] || 'application/octet-stream';
	const fileName =
		request.fileName || contentDispositionName(response.headers) || `${request.jobId}.${extension}`;
	return {
		binary: await ctx.helpers.prepareBinaryData(bytes, fileName, mimeType),
		format: extension,
		contentType: contentType ?? mimeType,
		bytes: bytes.length,
	};
}

function header(headers: IDataObject, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return value === undefined ? undefined : String(value);
}

/** `attachment; filename="abc.wav"` -> `abc.wav` */
function contentDispositionName(headers: IDataObject): string | undefined {
	const disposition = header(headers, 'content-disposition');
	const match = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
	return match ? decodeURIComponent(match[1]) : undefined;
}

function extensionOf(fileName: string | undefined): string | undefined {
	const dot = fileName?.lastIndexOf('.') ?? -1;
	return fileName && dot > 0 ? fileName.slice(dot + 1).toLowerCase() : undefined;
}

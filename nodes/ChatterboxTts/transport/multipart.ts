import { randomUUID } from 'crypto';

/**
 * Encodes a multipart/form-data body as one Buffer. The package may not ship runtime
 * dependencies (no form-data), and a Buffer body passes unchanged through every version
 * of n8n's request helper, where a FormData object's handling has changed over time.
 */
export interface MultipartFile {
	field: string;
	fileName: string;
	mimeType: string;
	data: Buffer;
}

export interface MultipartBody {
	body: Buffer;
	contentType: string;
}

export function encodeMultipart(
	fields: Record<string, string>,
	files: MultipartFile[],
): MultipartBody {
	const boundary = `----chatterbox-${randomUUID()}`;
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`,
				'utf8',
			),
		);
	}
	for (const file of files) {
		parts.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(
					file.fileName,
				)}"\r\nContent-Type: ${file.mimeType}\r\n\r\n`,
				'utf8',
			),
			file.data,
			Buffer.from('\r\n', 'utf8'),
		);
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Quotes and line breaks would end the header value early (RFC 7578 section 2). */
function quote(value: string): string {
	return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

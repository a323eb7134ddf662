import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ServiceError } from './errors';
import { describeServiceError, explainServiceError } from './errors';

/** The only place in the package that talks HTTP to the Chatterbox service. */

export const CREDENTIALS_TYPE = 'chatterboxApi';

type ApiContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, starting with a slash, e.g. `/tts/status/abc`. */
	path: string;
	/** A JSON body, or raw bytes (then `headers` must carry the Content-Type). */
	body?: IDataObject | Buffer;
	qs?: IDataObject;
	headers?: IDataObject;
	/** Return the body as raw bytes (audio) instead of parsed JSON. */
	binary?: boolean;
	/** Item the request belongs to, so n8n shows the error on the right item. */
	itemIndex?: number;
}

export interface ApiResponse<T> {
	body: T;
	headers: IDataObject;
	statusCode: number;
}

interface ServiceErrorBody {
	error?: { code?: string; message?: string; field?: string };
}

/** Base URL from the credentials, without trailing slashes. */
export async function getBaseUrl(ctx: ApiContext): Promise<string> {
	const credentials = await ctx.getCredentials<{ baseUrl: string }>(CREDENTIALS_TYPE);
	return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
}

/**
 * Sends one authenticated request. Non-2xx answers become a NodeApiError carrying the
 * service's own message (`{ error: { code, message, field } }`); a service that cannot
 * be reached becomes a NodeApiError that names the base URL.
 */
export async function apiRequest<T>(ctx: ApiContext, request: ApiRequest): Promise<ApiResponse<T>> {
	const baseUrl = await getBaseUrl(ctx);
	const rawBody = Buffer.isBuffer(request.body);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		qs: request.qs,
		headers: request.headers,
		body: request.body,
		json: !request.binary && !rawBody,
		returnFullResponse: true,
		// Status errors are turned into messages below, from the service's JSON error body.
		ignoreHttpStatusErrors: true,
	};
	if (request.binary) options.encoding = 'arraybuffer';

	let response: IN8nHttpFullResponse;
	try {
		response = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			CREDENTIALS_TYPE,
			options,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		// n8n already wraps transport failures in a NodeApiError; unwrap it so the message can
		// name the service's address (NodeApiError returns an existing instance unchanged).
		const cause =
			error instanceof NodeApiError && error.cause instanceof Error ? error.cause : error;
		throw new NodeApiError(ctx.getNode(), cause as JsonObject, {
			description: `Could not reach the Chatterbox service at ${baseUrl}: ${(cause as Error).message}. Check the Base URL in the Chatterbox API credentials and that the service is running.`,
			itemIndex: request.itemIndex,
		});
	}
	if (response.statusCode >= 400) {
		throw serviceError(ctx, response, request);
	}
	return {
		body: response.body as T,
		headers: response.headers ?? {},
		statusCode: response.statusCode,
	};
}

function serviceError(
	ctx: ApiContext,
	response: IN8nHttpFullResponse,
	request: ApiRequest,
): NodeApiError {
	const parsed = parseErrorBody(response.body);
	const error: ServiceError = { statusCode: response.statusCode, ...(parsed.error ?? {}) };
	const { message, advice } = explainServiceError(error);
	return new NodeApiError(
		ctx.getNode(),
		{ ...(parsed as JsonObject) },
		{
			message,
			description: describeServiceError(error, request, advice),
			httpCode: String(response.statusCode),
			itemIndex: request.itemIndex,
		},
	);
}

/** Error bodies arrive parsed, as text, or as bytes (when audio was requested). */
function parseErrorBody(body: unknown): ServiceErrorBody {
	if (
		body &&
		typeof body === 'object' &&
		!Buffer.isBuffer(body) &&
		!(body instanceof ArrayBuffer)
	) {
		return body as ServiceErrorBody;
	}
	const text =
		typeof body === 'string'
			? body
			: Buffer.isBuffer(body) || body instanceof ArrayBuffer
				? Buffer.from(body as Buffer).toString('utf8')
				: '';
	try {
		const parsed = JSON.parse(text) as unknown;
		return parsed && typeof parsed === 'object' ? (parsed as ServiceErrorBody) : {};
	} catch {
		return text ? { error: { message: text.slice(0, 500) } } : {};
	}
}

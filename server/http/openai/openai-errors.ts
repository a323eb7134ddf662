/**
 * Errors of the /v1 routes in a shape both kinds of clients read: ours (`code`, `message`,
 * `field`) plus OpenAI's (`type`, `param`), so the official SDKs surface the real message
 * instead of a generic "400 status code (no body)".
 */
import { serviceErrorBody, type ErrorBody } from '../middleware/error-handler.ts';

const SERVER_ERROR = 500;
const UNAUTHORIZED = 401;

/** OpenAI answers a missing or wrong key as an invalid request with code invalid_api_key. */
function openAiType(status: number): string {
  if (status === 404) return 'not_found_error';
  return status >= SERVER_ERROR ? 'server_error' : 'invalid_request_error';
}

export const openAiErrorBody: ErrorBody = (error, message) => {
  const field = error.field === undefined ? {} : { field: error.field };
  const code = error.status === UNAUTHORIZED ? 'invalid_api_key' : error.code;
  return { error: { code, message, ...field, type: openAiType(error.status), param: error.field ?? null } };
};

/** OpenAI's shape under /v1 (also for the 401 of the key check, which runs before the routers), ours elsewhere. */
export const errorBodyByPath: ErrorBody = (error, message, ctx) => (isOpenAiPath(ctx?.path ?? '') ? openAiErrorBody : serviceErrorBody)(error, message);

function isOpenAiPath(path: string): boolean {
  return path === '/v1' || path.startsWith('/v1/');
}

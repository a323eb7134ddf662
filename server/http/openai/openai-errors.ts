/**
 * Errors of the /v1 routes in a shape both kinds of clients read: ours (`code`, `message`,
 * `field`) plus OpenAI's (`type`, `param`), so the official SDKs surface the real message
 * instead of a generic "400 status code (no body)".
 */
import type { ErrorBody } from '../middleware/error-handler.ts';

const SERVER_ERROR = 500;

function openAiType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 404) return 'not_found_error';
  return status >= SERVER_ERROR ? 'server_error' : 'invalid_request_error';
}

export const openAiErrorBody: ErrorBody = (error, message) => {
  const field = error.field === undefined ? {} : { field: error.field };
  return { error: { code: error.code, message, ...field, type: openAiType(error.status), param: error.field ?? null } };
};

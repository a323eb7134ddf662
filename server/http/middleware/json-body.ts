/** JSON bodies only, up to the configured size; other content types are refused with 415 by the routes that need a body. */
import { bodyParser } from '@koa/bodyparser';
import type { Context, Next } from 'koa';
import { UnsupportedMediaTypeError } from '../../shared/errors/unsupported-media-type-error.ts';
import { ValidationError } from '../../shared/errors/validation-error.ts';

export function jsonBody(maxBytes: number) {
  // Non-strict: a JSON primitive parses and then fails validation with a precise message.
  const parse = bodyParser({ enableTypes: ['json'], jsonLimit: maxBytes, jsonStrict: false, encoding: 'utf-8' });
  return async function parseJsonBody(ctx: Context, next: Next): Promise<void> {
    try {
      await parse(ctx, next);
    } catch (error) {
      if (!isDecompressionError(error)) throw error;
      const encoding = ctx.get('Content-Encoding');
      throw new ValidationError(`The body is not valid ${encoding} data, as its Content-Encoding says; send it uncompressed or compressed properly.`, {
        code: 'invalid_encoding',
        cause: error,
      });
    }
  };
}

/** zlib's (gzip, deflate: Z_DATA_ERROR…) and brotli's (ERR__ERROR_FORMAT_…) failures on a body that is not what it claims. */
function isDecompressionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  return typeof errno === 'number' && typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR__ERROR_'));
}

/** Route guard: the body must be declared as JSON (a form post or text would otherwise arrive as `{}`). */
export async function requireJson(ctx: Context, next: Next): Promise<void> {
  if (!ctx.is('application/json', '+json')) {
    throw new UnsupportedMediaTypeError('Send the body as JSON with "Content-Type: application/json".');
  }
  await next();
}

/** JSON bodies only, up to the configured size; other content types are refused with 415 by the routes that need a body. */
import { bodyParser } from '@koa/bodyparser';
import type { Context, Next } from 'koa';
import { UnsupportedMediaTypeError } from '../../shared/errors/unsupported-media-type-error.ts';

export function jsonBody(maxBytes: number) {
  // Non-strict: a JSON primitive parses and then fails validation with a precise message.
  return bodyParser({ enableTypes: ['json'], jsonLimit: maxBytes, jsonStrict: false, encoding: 'utf-8' });
}

/** Route guard: the body must be declared as JSON (a form post or text would otherwise arrive as `{}`). */
export async function requireJson(ctx: Context, next: Next): Promise<void> {
  if (!ctx.is('application/json', '+json')) {
    throw new UnsupportedMediaTypeError('Send the body as JSON with "Content-Type: application/json".');
  }
  await next();
}

/**
 * HMAC-SHA256 over the exact request body, sent as `X-Chatterbox-Signature: sha256=<hex>`
 * (the GitHub webhook convention, so existing verification snippets work unchanged).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-chatterbox-signature';
const SCHEME = 'sha256=';

export function signCallbackBody(secret: string, body: string): string {
  return `${SCHEME}${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Constant-time check of a received header against the body; what receivers should do. */
export function verifyCallbackSignature(secret: string, body: string, header: string | undefined): boolean {
  if (header === undefined || !header.startsWith(SCHEME)) return false;
  const expected = Buffer.from(signCallbackBody(secret, body));
  const received = Buffer.from(header);
  return expected.length === received.length && timingSafeEqual(expected, received);
}

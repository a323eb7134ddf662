import { randomBytes } from 'node:crypto';

/**
 * Job and voice ids are UUIDv7 (RFC 9562): they sort by creation time, so ids created in
 * the same millisecond still list in order, and 62 random bits keep them unguessable (ids
 * act as capabilities when no API key is set). Every id is checked against
 * {@link ID_PATTERN} before it reaches a path.
 */
const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** rand_a holds a counter (RFC 9562 method 1) so ids within one millisecond stay ordered. */
const COUNTER_MAX = 0xfff;
let lastMs = 0;
let counter = 0;

export function newId(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    // Start low in the range so a burst has room to count up.
    counter = randomBytes(1)[0]! & 0x7f;
  } else if (++counter > COUNTER_MAX) {
    lastMs += 1; // borrow the next millisecond rather than break the order
    counter = 0;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function isValidId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/** Client-sent request ids are echoed only when short and plain, so logs cannot be forged. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Text length as the service counts it everywhere (the CHATTERBOX_MAX_TEXT_CHARS limit, a job's
 * text_chars): Unicode code points, so an emoji or a CJK extension character is one character,
 * as JSON Schema's maxLength counts.
 */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/**
 * Whether `text` holds anything to speak: not only whitespace, control characters, zero-width
 * or bidi marks (Unicode Cc, Cf, Z). The text stage answers the same `empty_text` for text that
 * becomes empty later; this is the request-time check.
 */
export function hasSpeakableText(text: string): boolean {
  return /[^\s\p{Cc}\p{Cf}\p{Z}]/u.test(text);
}

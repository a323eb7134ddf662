/**
 * The normalization passes, in order, over one stretch of text (a block between pauses): the
 * lexicon first (so a respelling can carry numbers or symbols that are then spoken), then
 * abbreviations, URLs and e-mail addresses, numbers, symbols and emojis, then tidy spaces.
 */
import type { LanguageCode } from '../shared/languages.ts';
import { expandAbbreviations } from './expand-abbreviations.ts';
import { applyLexicon } from './lexicon.ts';
import { normalizeNumbers } from './numbers/normalize-numbers.ts';
import { SpanText } from './span-text.ts';
import type { SpeechOptions } from './speech-options.ts';
import { normalizeLinks, normalizeSymbols } from './symbols.ts';

/** Between stretches normalized together; no pass matches or removes it. */
export const SEGMENT_SEPARATOR = '\uE002';

export function normalizeText(text: string, language: LanguageCode, options: SpeechOptions): SpanText {
  const span = new SpanText(text);
  applyLexicon(span, options.lexicon);
  const raw = span.text;
  if (/[@.]/u.test(raw)) normalizeLinks(span, language, options.urls);
  expandAbbreviations(span, language);
  if (/\d/u.test(raw)) normalizeNumbers(span, language);
  normalizeSymbols(span, language);
  return tidySpaces(span);
}

function tidySpaces(span: SpanText): SpanText {
  return span
    .rewrite(/\s+/gu, (m) => (m[0] === ' ' ? undefined : ' '))
    .rewrite(/ +(?=[,.;:!?、。，！？।؟،])/gu, () => '')
    .rewrite(/(?<=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]) +(?=[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])/gu, () => '')
    .rewrite(/\(\s*\)|\[\s*\]/gu, () => '');
}

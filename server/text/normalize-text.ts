/**
 * The normalization passes, in order, over one stretch of text (a block between pauses): the
 * lexicon first (so a respelling can carry numbers or symbols that are then spoken), then the
 * language's words for abbreviations, numbers, symbols, URLs and emojis, then tidy spaces.
 */
import type { LanguageCode } from '../shared/languages.ts';
import { applyLexicon } from './lexicon.ts';
import { SpanText } from './span-text.ts';
import type { SpeechOptions } from './speech-options.ts';

export function normalizeText(text: string, language: LanguageCode, options: SpeechOptions): SpanText {
  const span = new SpanText(text);
  applyLexicon(span, options.lexicon);
  return tidySpaces(span);
}

export function tidySpaces(span: SpanText): SpanText {
  return span.rewrite(/\s+/gu, (m) => (m[0] === ' ' ? undefined : ' ')).rewrite(/ +(?=[,.;:!?])/gu, () => '');
}

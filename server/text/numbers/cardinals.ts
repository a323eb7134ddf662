/** Every number left after dates, measures and ordinals: signed, with the language's separators. */
import type { LanguageCode } from '../../shared/languages.ts';
import type { SpanText } from '../span-text.ts';
import { numberFormat } from './number-pattern.ts';
import { spellNumber } from './spell-number.ts';

const patterns = new Map<LanguageCode, RegExp>();
const MINUS = '(?:(?<![\\p{sc=Latn}\\p{sc=Grek}\\p{sc=Cyrl}\\d])[-−](?=\\d))?';

export function normalizeCardinals(text: SpanText, language: LanguageCode): void {
  const { source, parse } = numberFormat(language);
  let pattern = patterns.get(language);
  if (!pattern) patterns.set(language, (pattern = new RegExp(`${MINUS}${source}`, 'gu')));
  text.rewrite(pattern, (m) => {
    const negative = /^[-−]/u.test(m[0]);
    const plain = parse(m[0].replace(/^[-−]/u, ''));
    return spellNumber(language, negative ? `-${plain}` : plain);
  });
}

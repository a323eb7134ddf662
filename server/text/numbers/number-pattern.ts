/**
 * How numbers are written in a language: "1.234,56" (de), "1,234.56" (en), "1 234,56" (fr, ru,
 * pl, …). The pattern source matches one unsigned number; parse() turns it into plain digits.
 */
import type { LanguageCode } from '../../shared/languages.ts';
import { vocabularyFor } from './vocabulary.ts';

/** Languages that group thousands with a space (a no-break or thin space is accepted everywhere). */
const SPACE_GROUPING: ReadonlySet<LanguageCode> = new Set(['fr', 'ru', 'pl', 'sv', 'fi', 'no', 'da', 'el']);
const THIN_SPACES = '\u00a0\u202f\u2009';

export interface NumberFormat {
  /** Regex source for one unsigned number (no capture groups). */
  source: string;
  parse(written: string): string;
}

const cache = new Map<LanguageCode, NumberFormat>();

export function numberFormat(language: LanguageCode): NumberFormat {
  let format = cache.get(language);
  if (format) return format;
  const decimal = vocabularyFor(language).decimal;
  const group = (decimal === ',' ? '.' : ',') + THIN_SPACES + (SPACE_GROUPING.has(language) ? ' ' : '');
  const groupClass = `[${group.replace('.', '\\.')}]`;
  const source = `(?<![\\d\\p{sc=Latn}\\p{sc=Grek}\\p{sc=Cyrl}])(?:\\d{1,3}(?:${groupClass}\\d{3})+|\\d+)(?:${decimal === "." ? "\\." : ","}\\d+)?(?!\\d)`;
  const groups = new RegExp(groupClass, 'gu');
  format = {
    source,
    parse: (written) => written.replace(groups, '').replace(decimal, '.'),
  };
  cache.set(language, format);
  return format;
}

/**
 * Languages that write ordinals as a number with a full stop ("der 3. Dezember", "3. joulukuuta",
 * "3. maja"). "3." is an ordinal, not a sentence end, when a lower-case word or a month follows,
 * or (German, where nouns are capitalized) when an article or preposition comes before it.
 */
import type { LanguageCode } from '../../shared/languages.ts';

export const DOT_ORDINAL_LANGUAGES: ReadonlySet<LanguageCode> = new Set(['de', 'da', 'no', 'fi', 'pl', 'tr']);

const GERMAN_MONTHS = 'Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember';
const GERMAN_LEAD_WORDS =
  'der|die|das|dem|den|des|am|im|vom|zum|zur|beim|ab|bis|seit|vor|nach|ihr|ihre|ihrem|ihren|sein|seine|seinem|seinen|mein|meine|meinem|unser|unsere|jeder|jede|jedes|jeden|jedem|zweimal|zum';
const GERMAN_AFTER = new RegExp(`^(?:${GERMAN_MONTHS})\\b`, 'u');
const GERMAN_BEFORE = new RegExp(`(?:^|\\s)(?:${GERMAN_LEAD_WORDS})\\s+\\d{1,4}\\.$`, 'iu');
const NUMBER_DOT_AT_END = /(?:^|[\s(])\d{1,4}\.$/u;

export function isDotOrdinal(before: string, after: string, language: LanguageCode): boolean {
  if (!DOT_ORDINAL_LANGUAGES.has(language) || !NUMBER_DOT_AT_END.test(before)) return false;
  if (/^\p{Ll}/u.test(after) || /^\d/u.test(after)) return true;
  return language === 'de' && (GERMAN_AFTER.test(after) || GERMAN_BEFORE.test(before));
}

/**
 * Numbers and what they come with, most specific first: dates, phone numbers, times, currency,
 * percentages, units and ranges, ordinals, then the remaining cardinals.
 */
import type { LanguageCode } from '../../shared/languages.ts';
import type { SpanText } from '../span-text.ts';
import { normalizeCardinals } from './cardinals.ts';
import { normalizeDatesAndTimes } from './dates-times.ts';
import { normalizeMeasures } from './measures.ts';
import { normalizeOrdinals } from './ordinals.ts';
import { normalizePhoneNumbers } from './phone-numbers.ts';

export function normalizeNumbers(text: SpanText, language: LanguageCode): void {
  normalizeDatesAndTimes(text, language);
  normalizePhoneNumbers(text, language);
  normalizeMeasures(text, language);
  normalizeOrdinals(text, language);
  normalizeCardinals(text, language);
}

/**
 * Phone-number-like digit runs are read digit by digit: a leading "+", a leading zero, or groups
 * joined by dashes or slashes, with seven digits or more or nine digits in a row ("+49 170 1234567",
 * "030/1234567", "555-123-4567").
 */
import type { LanguageCode } from '../../shared/languages.ts';
import type { SpanText } from '../span-text.ts';
import { digitByDigit } from './number-words.ts';
import { vocabularyFor } from './vocabulary.ts';

const PHONE = /(?<![\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}\d])(?:\+\d[\d ()\-/.]{5,}\d|\(?0\d[\d ()\-/]{4,}\d|\d{2,4}(?:[-/]\d{2,4}){2,}|\d{9,})(?![\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}\d])/gu;
const MIN_DIGITS = 7;

export function normalizePhoneNumbers(text: SpanText, language: LanguageCode): void {
  text.rewrite(PHONE, (m) => {
    const digits = m[0].replace(/\D/gu, '');
    if (digits.length < MIN_DIGITS) return undefined;
    return (m[0].startsWith('+') ? `${vocabularyFor(language).symbols.plus} ` : '') + digitByDigit(language, digits);
  });
}

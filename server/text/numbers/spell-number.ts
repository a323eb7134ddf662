/**
 * A parsed number ("1234.56", "-3") in words, with the decimal word the language uses: Spain
 * says "coma" where n2words has "punto"; German writes "Komma" with a capital, as a noun.
 */
import type { LanguageCode } from '../../shared/languages.ts';
import { cardinal } from './number-words.ts';

const DECIMAL_WORD_FIXES: Partial<Record<LanguageCode, [RegExp, string]>> = {
  de: [/\bkomma\b/gu, 'Komma'],
  es: [/\bpunto\b/gu, 'coma'],
};

export function spellNumber(language: LanguageCode, plain: string): string {
  const words = cardinal(language, plain);
  const fix = plain.includes('.') ? DECIMAL_WORD_FIXES[language] : undefined;
  return fix ? words.replace(fix[0], fix[1]) : words;
}

/** German "eins" is "ein" before a noun ("ein Kilometer", "einundzwanzig" is unchanged). */
export function beforeNoun(language: LanguageCode, words: string): string {
  return language === 'de' ? words.replace(/eins$/u, 'ein') : words;
}

/**
 * Dates and clock times. A date (ISO "2026-12-03", or the language's numeric form: "03.12.2026"
 * in de/ru/pl/…, "03/12/2026" day first in most languages, month first in English) is laid out
 * by Intl.DateTimeFormat in the language's long form, so month names and their grammatical case
 * come from ICU ("3 декабря"); the day and year are then spelled. Times: "14:30", "2:30 pm".
 */
import type { LanguageCode } from '../../shared/languages.ts';
import type { SpanText } from '../span-text.ts';
import { DOT_ORDINAL_LANGUAGES } from './dot-ordinals.ts';
import { cardinal, digitByDigit, ordinal } from './number-words.ts';
import { vocabularyFor } from './vocabulary.ts';

const ISO_DATE = /(?<![\d\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}])(\d{4})-(\d{2})-(\d{2})(?![\d\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}])/gu;
const NUMERIC_DATE = /(?<![\d\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?![\d\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}])/gu;
const TIME = /(?<![\d\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}:])([01]?\d|2[0-3])[:h]([0-5]\d)(?::[0-5]\d)?(?:\s?([ap])\.?\s?m\.?(?![\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}]))?(?![\d\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}])(?:\s?Uhr(?!\p{L}))?/giu;
/** Languages that say the day as an ordinal ("the third of December", "dritter Dezember"). */
const ORDINAL_DAYS: ReadonlySet<LanguageCode> = new Set(['en', 'de', 'da', 'no', 'sv', 'fi', 'ru', 'pl']);

export function normalizeDatesAndTimes(text: SpanText, language: LanguageCode): void {
  if (!/\d[-./:h]\d/u.test(text.text)) return;
  text.rewrite(ISO_DATE, (m) => spellDate(language, Number(m[1]), Number(m[2]), Number(m[3])));
  text.rewrite(NUMERIC_DATE, (m) => {
    const [a, b, year] = [Number(m[1]), Number(m[3]), Number(m[4])];
    const monthFirst = language === 'en' && m[2] === '/' && a <= 12;
    return monthFirst ? spellDate(language, year, a, b) : spellDate(language, year, b, a);
  });
  text.rewrite(TIME, (m) => {
    const spoken = spellTime(language, Number(m[1]), Number(m[2]), m[3]?.toLowerCase());
    // "2:30 p.m." at the end of a sentence: its full stop also ends the sentence.
    const endsSentence = m[3] !== undefined && m[0].endsWith('.') && /^\s*(?:$|\uE002|\p{Lu})/u.test(m.input.slice(m.index + m[0].length));
    return endsSentence ? `${spoken}.` : spoken;
  });
}

function spellDate(language: LanguageCode, year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  const parts = dateFormat(language).formatToParts(date);
  let dropDot = false;
  return parts
    .map((part) => {
      const literal = dropDot && part.type === 'literal' ? part.value.replace(/^\./u, '') : part.value;
      dropDot = false;
      if (part.type === 'day') {
        dropDot = DOT_ORDINAL_LANGUAGES.has(language);
        return spellDay(language, day);
      }
      if (part.type === 'year') return spellYear(language, year);
      if (part.type === 'month') return part.value.replace(/\d+/gu, (d) => cardinal(language, d));
      return language === 'ru' ? literal.replace(/\s*г\.$/u, ' года') : literal;
    })
    .join('')
    .replace(/\s+/gu, ' ')
    .trim();
}

function spellDay(language: LanguageCode, day: number): string {
  if (!ORDINAL_DAYS.has(language)) return language === 'fr' && day === 1 ? 'premier' : cardinal(language, String(day));
  const words = ordinal(language, String(day));
  // Russian and Polish name the day in the genitive ("третьего декабря", "trzeciego grudnia").
  if (language === 'ru') return words.replace(/третий$/u, 'третьего').replace(/(ий|ый|ой)$/u, (e) => (e === 'ий' ? 'его' : 'ого'));
  if (language === 'pl') return words.replace(/y$/u, 'ego').replace(/i$/u, 'iego');
  if (language === 'de') return `${words}r`;
  return words;
}

/** English years in pairs ("twenty twenty-six"), Chinese digit by digit (二零二六); others the cardinal. */
function spellYear(language: LanguageCode, year: number): string {
  if (language === 'zh') return digitByDigit('zh', String(year));
  if (language === 'en' && year >= 1100 && year < 2100 && year % 100 !== 0 && !(year >= 2000 && year < 2010)) {
    const low = year % 100;
    return `${cardinal('en', String(Math.floor(year / 100)))} ${low < 10 ? `oh ${cardinal('en', String(low))}` : cardinal('en', String(low))}`;
  }
  return cardinal(language, String(year));
}

function spellTime(language: LanguageCode, hours: number, minutes: number, meridiem?: string): string {
  const vocabulary = vocabularyFor(language);
  const h = cardinal(language, String(hours));
  if (language === 'en') {
    const m = minutes === 0 ? (meridiem ? '' : "o'clock") : minutes < 10 ? `oh ${cardinal('en', String(minutes))}` : cardinal('en', String(minutes));
    return [h, m, meridiem ? `${meridiem} m` : ''].filter(Boolean).join(' ');
  }
  if (minutes === 0) return vocabulary.hour.replace('{h}', h);
  return vocabulary.time.replace('{h}', h).replace('{m}', cardinal(language, String(minutes)));
}

const formats = new Map<LanguageCode, Intl.DateTimeFormat>();
function dateFormat(language: LanguageCode): Intl.DateTimeFormat {
  let format = formats.get(language);
  if (!format) {
    const locale = language === 'no' ? 'nb' : language;
    format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC', numberingSystem: 'latn' });
    formats.set(language, format);
  }
  return format;
}

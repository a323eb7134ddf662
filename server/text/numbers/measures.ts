/**
 * Numbers with what they measure: currency amounts (symbol before or after), percentages, units
 * (°C, km/h, m², GB, …) and ranges ("3–5", "3-5 km"). Each pass rewrites the span text in place.
 */
import type { LanguageCode } from '../../shared/languages.ts';
import type { SpanText } from '../span-text.ts';
import { numberFormat } from './number-pattern.ts';
import { beforeNoun, spellNumber } from './spell-number.ts';
import { CURRENCY_SYMBOLS, UNIT_SYMBOLS, vocabularyFor, wordForm, type CurrencySymbol, type UnitSymbol } from './vocabulary.ts';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
const CURRENCY = `[${CURRENCY_SYMBOLS.join('').replace('$', '\\$')}]`;
/** Longest first, so "km/h" wins over "km" and "m²" over "m". */
/** Units as Russian writes them. */
const UNIT_ALIASES: Readonly<Record<string, UnitSymbol>> = { 'км/ч': 'km/h', км: 'km', м: 'm', см: 'cm', мм: 'mm', кг: 'kg', г: 'g', л: 'l', ГБ: 'GB', МБ: 'MB', ТБ: 'TB' };
const UNITS = [...UNIT_SYMBOLS, ...Object.keys(UNIT_ALIASES)].sort((a, b) => b.length - a.length).map(escape).join('|');
const unitOf = (written: string): UnitSymbol => UNIT_ALIASES[written] ?? (written as UnitSymbol);

interface MeasurePatterns {
  currency: RegExp;
  percent: RegExp;
  range: RegExp;
  unit: RegExp;
}

const patternCache = new Map<LanguageCode, MeasurePatterns>();

function patternsFor(language: LanguageCode): MeasurePatterns {
  let patterns = patternCache.get(language);
  if (patterns) return patterns;
  const num = numberFormat(language).source;
  const signed = `-?${num}`;
  patterns = {
    currency: new RegExp(`(${CURRENCY})\\s?(${signed})|(${signed})\\s?(${CURRENCY})`, 'gu'),
    percent: new RegExp(`(${signed})\\s?%|%\\s?(${signed})`, 'gu'),
    range: new RegExp(`(${num})\\s?[-–—]\\s?(${num})(?:\\s?(${UNITS}|%)(?![\\p{sc=Latn}\\p{sc=Grek}\\p{sc=Cyrl}\\d]))?`, 'gu'),
    unit: new RegExp(`(${signed})\\s?(${UNITS})(?![\\p{sc=Latn}\\p{sc=Grek}\\p{sc=Cyrl}\\d])`, 'gu'),
  };
  patternCache.set(language, patterns);
  return patterns;
}

export function normalizeMeasures(text: SpanText, language: LanguageCode): void {
  const { parse } = numberFormat(language);
  const vocabulary = vocabularyFor(language);
  const patterns = patternsFor(language);
  // Cheap checks first: most text has no currency sign or percent sign at all.
  if (/[€$£¥₹]/u.test(text.text)) text.rewrite(patterns.currency, (m) =>
    currency(language, parse(m[2] ?? m[3]!), (m[1] ?? m[4]) as CurrencySymbol),
  );
  if (text.text.includes('%')) text.rewrite(patterns.percent, (m) => {
    const plain = parse(m[1] ?? m[2]!);
    return fill(vocabulary.percent, spellNumber(language, plain), plain, language);
  });
  text.rewrite(patterns.range, (m) => {
    const [a, b] = [parse(m[1]!), parse(m[2]!)];
    const range = vocabulary.range.replace('{a}', spellNumber(language, a)).replace('{b}', spellNumber(language, b));
    if (m[3] === '%') return fill(vocabulary.percent, range, b, language);
    return m[3] ? withUnit(language, range, b, vocabulary.units[unitOf(m[3])]) : range;
  });
  text.rewrite(patterns.unit, (m) => {
    const plain = parse(m[1]!);
    return withUnit(language, beforeNoun(language, spellNumber(language, plain)), plain, vocabulary.units[unitOf(m[2]!)]);
  });
}

function currency(language: LanguageCode, plain: string, symbol: CurrencySymbol): string {
  const vocabulary = vocabularyFor(language);
  const forms = vocabulary.currencies[symbol];
  if (vocabulary.tight) {
    const amount = plain.replace(/(\.\d*?)0+$/u, '$1').replace(/\.$/u, '');
    return withUnit(language, beforeNoun(language, spellNumber(language, amount)), amount, forms);
  }
  const [whole, fraction = ''] = plain.split('.') as [string, string?];
  const cents = fraction === '' ? '' : fraction.padEnd(2, '0').slice(0, 2);
  const amount = withUnit(language, beforeNoun(language, spellNumber(language, whole)), whole, forms);
  if (cents === '' || /^0+$/u.test(cents)) return amount;
  const centWords = beforeNoun(language, spellNumber(language, cents));
  const spokenCents = vocabulary.cents ? withUnit(language, centWords, cents, vocabulary.cents) : centWords;
  return [amount, vocabulary.and, spokenCents].filter(Boolean).join(' ');
}

function withUnit(language: LanguageCode, words: string, count: string, forms: string): string {
  const vocabulary = vocabularyFor(language);
  const unit = wordForm(language, forms, count);
  if (vocabulary.tight) return `${words}${unit}`;
  return vocabulary.unitFirst ? `${unit} ${words}` : `${words} ${unit}`;
}

/** A template like "{n} Prozent" or "{n} процент/процента/процентов". */
function fill(template: string, words: string, count: string, language: LanguageCode): string {
  const rest = template.replace('{n}', '').trim();
  if (!rest.includes('/')) return template.replace('{n}', words);
  return `${words} ${wordForm(language, rest, count)}`;
}

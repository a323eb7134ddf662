/**
 * Ordinals as each language writes them: "3." (de, da, no, fi, pl, tr; only where it is an
 * ordinal, see dot-ordinals.ts), "3rd", "3e"/"1er", "3º"/"3ª", "3:e", "3-й", "3ος", "ke-3",
 * "第3". German ordinals take the ending the article before them asks for ("der dritte",
 * "am dritten", "dritter").
 */
import type { LanguageCode } from '../../shared/languages.ts';
import type { SpanText } from '../span-text.ts';
import { isDotOrdinal } from './dot-ordinals.ts';
import { cardinal, ordinal } from './number-words.ts';

const SUFFIXES: Partial<Record<LanguageCode, RegExp>> = {
  en: /(?<![\d\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}])(\d+)(?:st|nd|rd|th)(?![\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}\d])/giu,
  fr: /(?<![\d\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}])(\d+)(er|re|ère|e|ème|ᵉ)(?![\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}\d])/gu,
  es: /(?<![\d\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}])(\d+)\.?([ºª°])/gu,
  it: /(?<![\d\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}])(\d+)\.?([ºª°])/gu,
  pt: /(?<![\d\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}])(\d+)\.?([ºª°])/gu,
  nl: /(?<![\d\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}])(\d+)(?:e|ste|de)(?![\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}\d])/gu,
  sv: /(?<![\d\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}])(\d+):(?:a|e)(?![\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}\d])/gu,
  ru: /(?<![\d\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}])(\d+)-(й|я|е|го|му|м|х|ый|ая|ое|ой)(?![\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}\d])/gu,
  el: /(?<![\d\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}])(\d+)(?:ος|η|ο|ης|ου)(?![\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}\d])/gu,
  ms: /(?<![\d\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}])ke-(\d+)(?![\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}\d])/gu,
};
const DOT_ORDINAL = /(?<![\d\p{sc=Latn}\p{sc=Grek}\p{sc=Cyrl}.,])(\d{1,4})\.(?=\s)/gu;
const GERMAN_EN_ENDING = /(?:^|\s)(?:am|im|vom|zum|beim|dem|den|des|einem|einen|eines|seinem|ihrem|jedem)\s*$/iu;
const GERMAN_E_ENDING = /(?:^|\s)(?:der|die|das)\s*$/iu;

export function normalizeOrdinals(text: SpanText, language: LanguageCode): void {
  text.rewrite(DOT_ORDINAL, (m) => {
    const before = m.input.slice(0, m.index + m[0].length);
    if (!isDotOrdinal(before, m.input.slice(m.index + m[0].length).trimStart(), language)) return undefined;
    return language === 'de' ? germanOrdinal(m[1]!, m.input.slice(0, m.index)) : ordinal(language, m[1]!);
  });
  const pattern = SUFFIXES[language];
  if (pattern) text.rewrite(pattern, (m) => spell(language, m[1]!, m[2], m.input.slice(m.index + m[0].length)));
  if (language === 'zh' || language === 'ja') text.rewrite(/第(\d+)/gu, (m) => `第${cardinal(language, m[1]!)}`);
}

function spell(language: LanguageCode, digits: string, suffix: string | undefined, after: string): string {
  // Spanish shortens 1st and 3rd before a noun: "el tercer puesto".
  if (language === 'es' && suffix === 'º' && /^\s+\p{L}/u.test(after)) return ordinal('es', digits).replace(/(prim|terc)ero$/u, '$1er');
  if (language === 'fr' && digits === '1') return suffix === 're' || suffix === 'ère' ? 'première' : 'premier';
  if ((language === 'es' || language === 'pt' || language === 'it') && suffix === 'ª') return ordinal(language, digits).replace(/o$/u, 'a');
  if (language === 'ru' && suffix) return russianOrdinal(ordinal('ru', digits), suffix);
  return ordinal(language, digits);
}

function germanOrdinal(digits: string, before: string): string {
  const words = ordinal('de', digits);
  if (GERMAN_EN_ENDING.test(before)) return `${words}n`;
  if (GERMAN_E_ENDING.test(before)) return words;
  return `${words}r`;
}

/** "3-я" is feminine (третья), "3-е" neuter (третье); the other endings keep the masculine form. */
function russianOrdinal(masculine: string, suffix: string): string {
  if (suffix === 'я' || suffix === 'ая') return masculine.replace(/третий$/u, 'третья').replace(/(ий|ый|ой)$/u, 'ая');
  if (suffix === 'е' || suffix === 'ое') return masculine.replace(/третий$/u, 'третье').replace(/(ий|ый|ой)$/u, 'ое');
  return masculine;
}

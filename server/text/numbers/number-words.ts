/**
 * Numbers as words in each of the 23 languages, from n2words (forzagreen/n2words: cardinals,
 * ordinals, decimals, one module per locale). Chinese uses everyday numerals (二十一), not the
 * financial ones (贰拾壹) that are n2words' default; Norwegian and Swedish compounds are written
 * closed (tjueen), as their spelling rules want, not hyphenated.
 */
import * as ar from 'n2words/ar-SA';
import * as da from 'n2words/da-DK';
import * as de from 'n2words/de-DE';
import * as el from 'n2words/el-GR';
import * as en from 'n2words/en-US';
import * as es from 'n2words/es-ES';
import * as fi from 'n2words/fi-FI';
import * as fr from 'n2words/fr-FR';
import * as he from 'n2words/he-IL';
import * as hi from 'n2words/hi-IN';
import * as it from 'n2words/it-IT';
import * as ja from 'n2words/ja-JP';
import * as ko from 'n2words/ko-KR';
import * as ms from 'n2words/ms-MY';
import * as nb from 'n2words/nb-NO';
import * as nl from 'n2words/nl-NL';
import * as pl from 'n2words/pl-PL';
import * as pt from 'n2words/pt-PT';
import * as ru from 'n2words/ru-RU';
import * as sv from 'n2words/sv-SE';
import * as sw from 'n2words/sw-KE';
import * as tr from 'n2words/tr-TR';
import * as zh from 'n2words/zh-Hans-CN';
import type { LanguageCode } from '../../shared/languages.ts';

type Value = string | bigint;

interface Speller {
  cardinal(value: Value): string;
  ordinal(value: Value): string;
}

const plain = (m: { toCardinal(v: Value): string; toOrdinal(v: Value): string }): Speller => ({
  cardinal: (v) => m.toCardinal(v),
  ordinal: (v) => m.toOrdinal(v),
});
const closed = (m: { toCardinal(v: Value): string; toOrdinal(v: Value): string }): Speller => ({
  cardinal: (v) => m.toCardinal(v).replace(/(?<=\p{L})-(?=\p{L})/gu, '').replaceAll(',', ''),
  ordinal: (v) => m.toOrdinal(v).replace(/(?<=\p{L})-(?=\p{L})/gu, ''),
});

const SPELLERS: Record<LanguageCode, Speller> = {
  ar: plain(ar), da: plain(da), de: plain(de), el: plain(el), en: plain(en), es: plain(es), fi: plain(fi), fr: plain(fr),
  he: plain(he), hi: plain(hi), it: plain(it), ja: plain(ja), ko: plain(ko), ms: plain(ms), nl: plain(nl), no: closed(nb),
  pl: plain(pl), pt: plain(pt), ru: plain(ru), sv: closed(sv), sw: plain(sw), tr: plain(tr),
  // 10-19 are said 十, 十一 … at the start of a number (n2words writes 一十二).
  zh: { cardinal: (v) => zh.toCardinal(v, { formal: false }).replace(/^(负?)一十/u, '$1十'), ordinal: (v) => zh.toOrdinal(v, { formal: false }) },
};

/** A whole number (digits only, optional leading minus) in words. */
export function cardinal(language: LanguageCode, digits: string): string {
  return SPELLERS[language].cardinal(normalizeDigits(digits));
}

export function ordinal(language: LanguageCode, digits: string): string {
  return SPELLERS[language].ordinal(normalizeDigits(digits));
}

/** Each digit on its own ("0 1 7 0" -> "zero one seven zero"), for phone numbers and codes. */
export function digitByDigit(language: LanguageCode, digits: string): string {
  const separator = language === 'zh' || language === 'ja' ? '' : ' ';
  // Dutch writes "één" only to stress the number; read digit by digit it is plain "een".
  return [...digits.replace(/\D/gu, '')].map((d) => (language === 'nl' && d === '1' ? 'een' : cardinal(language, d))).join(separator);
}

/** "007" is said as seven; huge values stay exact as bigint. */
function normalizeDigits(digits: string): Value {
  const negative = digits.startsWith('-');
  const body = digits.replace(/^-/u, '').replace(/^0+(?=\d)/u, '');
  return negative ? `-${body}` : body.length > 15 ? BigInt(body) : body;
}

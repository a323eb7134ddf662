/**
 * What is left after numbers: URLs and e-mail addresses said the way a person would ("example
 * dot com", "anna at example dot com") or dropped; & + = @ / as words of the language; emojis
 * and leftover markup characters removed.
 */
import type { LanguageCode } from '../shared/languages.ts';
import { vocabularyFor } from './numbers/vocabulary.ts';
import type { SpanText } from './span-text.ts';

const EMAIL = /(?<![\p{L}\p{N}.+-])([\p{L}\p{N}._%+-]+)@([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)/gu;
const URL =
  /(?:https?:\/\/|www\.)[^\s<>"'`\uE002]+[^\s<>"'`.,;:!?)\]\uE002]|(?<![\p{L}\p{N}@.-])[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|org|net|io|ai|dev|app|de|fr|es|it|nl|pl|ru|uk|eu|ch|at|se|no|dk|fi|tr|jp|cn|kr|in|gov|edu)(?:\/[^\s<>"'`\uE002]*[^\s<>"'`.,;:!?)\]\uE002])?(?![\p{L}\p{N}])/giu;
/** Emoji sequences: pictographs, flags, skin tones, keycaps, joiners and variation selectors. */
const EMOJI = /(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|[\u{1F3FB}-\u{1F3FF}]|\u{FE0F}|\u{20E3}|\u{200D})+/gu;
/** One pass for all symbols; emojis and leftover markup characters become a space. */
const SYMBOLS = new RegExp(
  [
    String.raw`(?<and>\s*&\s*)`,
    String.raw`(?<plus>\s+\+\s+|(?<=\p{L})\+(?=\p{L}))`,
    String.raw`(?<equals>\s*=\s*)`,
    String.raw`(?<at>(?<![\p{L}\p{N}])@(?=[\p{L}\p{N}]))`,
    String.raw`(?<or>(?<=[\p{L}\p{N}])\s*\/\s*(?=[\p{L}\p{N}]))`,
    EMOJI.source,
    '[*_~`^|#\\\\<>{}[\\]]+',
  ].join('|'),
  'gu',
);

export function normalizeLinks(text: SpanText, language: LanguageCode, mode: 'say' | 'drop'): void {
  const { at } = vocabularyFor(language).symbols;
  text.rewrite(EMAIL, (m) => (mode === 'drop' ? '' : `${sayDotted(m[1]!, language)} ${at} ${sayDotted(m[2]!, language)}`));
  text.rewrite(URL, (m) => (mode === 'drop' ? '' : sayDotted(hostOf(m[0]), language)));
}

export function normalizeSymbols(text: SpanText, language: LanguageCode): void {
  const words = vocabularyFor(language).symbols;
  text.rewrite(SYMBOLS, (m) => {
    if (m.groups?.['and']) return ` ${words.and} `;
    if (m.groups?.['plus']) return ` ${words.plus} `;
    if (m.groups?.['equals']) return ` ${words.equals} `;
    if (m.groups?.['at']) return `${words.at} `;
    if (m.groups?.['or']) return ` ${words.or} `;
    return ' ';
  });
}

/** "https://www.example.com/docs" -> "example.com". */
function hostOf(url: string): string {
  return url.replace(/^https?:\/\//iu, '').replace(/^www\./iu, '').split(/[/?#:]/u)[0]!;
}

function sayDotted(text: string, language: LanguageCode): string {
  const { dot } = vocabularyFor(language).symbols;
  return text
    .split('.')
    .filter(Boolean)
    .map((part) => part.replace(/[-_]/gu, ' '))
    .join(` ${dot} `);
}

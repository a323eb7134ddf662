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
  /(?:https?:\/\/|www\.)[^\s<>"'`]+[^\s<>"'`.,;:!?)\]]|(?<![\p{L}\p{N}@.-])[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|org|net|io|ai|dev|app|de|fr|es|it|nl|pl|ru|uk|eu|ch|at|se|no|dk|fi|tr|jp|cn|kr|in|gov|edu)(?:\/[^\s<>"'`]*[^\s<>"'`.,;:!?)\]])?(?![\p{L}\p{N}])/giu;
/** Emoji sequences: pictographs, flags, skin tones, keycaps, joiners and variation selectors. */
const EMOJI = /(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|[\u{1F3FB}-\u{1F3FF}]|\u{FE0F}|\u{20E3}|\u{200D})+/gu;
const LEFTOVER_MARKUP = /[*_~`^|#\\<>{}[\]]+/gu;

export function normalizeLinks(text: SpanText, language: LanguageCode, mode: 'say' | 'drop'): void {
  const { at } = vocabularyFor(language).symbols;
  text.rewrite(EMAIL, (m) => (mode === 'drop' ? '' : `${sayDotted(m[1]!, language)} ${at} ${sayDotted(m[2]!, language)}`));
  text.rewrite(URL, (m) => (mode === 'drop' ? '' : sayDotted(hostOf(m[0]), language)));
}

export function normalizeSymbols(text: SpanText, language: LanguageCode): void {
  const words = vocabularyFor(language).symbols;
  text.rewrite(EMOJI, () => ' ');
  text.rewrite(/\s*&\s*/gu, () => ` ${words.and} `);
  text.rewrite(/\s+\+\s+|(?<=\p{L})\+(?=\p{L})/gu, () => ` ${words.plus} `);
  text.rewrite(/\s*=\s*/gu, () => ` ${words.equals} `);
  text.rewrite(/(?<![\p{L}\p{N}])@(?=[\p{L}\p{N}])/gu, () => `${words.at} `);
  text.rewrite(/(?<=[\p{L}\p{N}])\s*\/\s*(?=[\p{L}\p{N}])/gu, () => ` ${words.or} `);
  text.rewrite(LEFTOVER_MARKUP, () => ' ');
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

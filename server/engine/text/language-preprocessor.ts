/**
 * Text as the model expects it, per language (reference §3.1): punc_norm, optional
 * lowercase + NFKD, the language step, then the `[xx]` tag. Spaces become [SPACE] inside the
 * tokenizer (its normalizer does it).
 *
 * Gaps, documented in the README: Hebrew upstream adds niqqud with the dicta model, which
 * we cannot run, so Hebrew goes in undiacritized; Russian stress marks are a v2-weights step
 * (the community export carries v1 weights), so Russian needs none.
 */
import type { LanguageCode } from '../../shared/languages.ts';
import type { CangjieConverter } from './cangjie-converter.ts';
import { toHiraganaReading, type ReadingTokenizer } from './japanese-kana.ts';
import { decomposeHangul } from './korean-jamo.ts';
import { normalizePunctuation } from './punctuation-normalizer.ts';

export interface TextOptions {
  /**
   * Lowercase and NFKD-normalize like upstream's v2 tokenizer. The community export has v1
   * weights, which were trained without it, so it is off by default (reference §3.1).
   * @defaultValue false
   */
  caseFold?: boolean;
  /** Chinese word segmentation before Cangjie encoding (upstream uses pkuseg). @defaultValue true */
  segmentChinese?: boolean;
}

/** Per-language helpers that need loading; absent ones leave that language's text as it is. */
export interface LanguageTools {
  cangjie?: CangjieConverter;
  japaneseReadings?: ReadingTokenizer;
}

export function preprocessText(text: string, language: LanguageCode, tools: LanguageTools, options: TextOptions = {}): string {
  let result = normalizePunctuation(text);
  if (options.caseFold) result = result.toLowerCase().normalize('NFKD');
  result = applyLanguageStep(result, language, tools, options);
  return `[${language}]${result}`;
}

function applyLanguageStep(text: string, language: LanguageCode, tools: LanguageTools, options: TextOptions): string {
  switch (language) {
    case 'zh':
      return tools.cangjie ? tools.cangjie.convert(text, { segmentWords: options.segmentChinese !== false }) : text;
    case 'ja':
      return tools.japaneseReadings ? toHiraganaReading(text, tools.japaneseReadings) : text;
    case 'ko':
      return decomposeHangul(text);
    default:
      return text;
  }
}

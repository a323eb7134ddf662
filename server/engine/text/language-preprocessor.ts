/**
 * Text as the model expects it, per language: punc_norm, optional lowercase + NFKD, the
 * language step, the `[xx]` tag, then spaces to [SPACE], in the order of upstream's
 * `MTLTokenizer.encode` (resemble-ai/chatterbox, src/chatterbox/models/tokenizers/tokenizer.py
 * @a9742ee). The tokenizer's normalizer also turns spaces into [SPACE]; doing it here too keeps
 * a tokenizer.json without that normalizer right.
 *
 * Gaps, documented in docs/model.md: Hebrew upstream adds niqqud with the dicta model, which
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
   * weights, which were trained without it, so it is off by default (resemble-ai/chatterbox
   * added it with v2, commit bf169fe, models/tokenizers/tokenizer.py).
   * @defaultValue false
   */
  caseFold?: boolean;
  /** Chinese word segmentation before Cangjie encoding (upstream uses pkuseg). @defaultValue true */
  segmentChinese?: boolean;
  /** The text is a fragment of a longer sentence: no final full stop (see normalizePunctuation). @defaultValue false */
  fragment?: boolean;
}

const SPACE_TOKEN = '[SPACE]';

/** Per-language helpers that need loading; absent ones leave that language's text as it is. */
export interface LanguageTools {
  cangjie?: CangjieConverter;
  japaneseReadings?: ReadingTokenizer;
}

export function preprocessText(text: string, language: LanguageCode, tools: LanguageTools, options: TextOptions = {}): string {
  let result = normalizePunctuation(text, { fragment: options.fragment });
  if (options.caseFold) result = result.toLowerCase().normalize('NFKD');
  result = applyLanguageStep(result, language, tools, options);
  return `[${language}]${result}`.replaceAll(' ', SPACE_TOKEN);
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

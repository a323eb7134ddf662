/**
 * From the text stage's chunks to model prompts: the tokenizer-unknown pass, per-language
 * preprocessing, tokenization. Language helpers that need files or big dictionaries (Cangjie
 * table, Japanese readings) are loaded on first use.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { CANGJIE_FILE } from '../../../models/contract.ts';
import type { LanguageCode } from '../../shared/languages.ts';
import { CangjieConverter } from './cangjie-converter.ts';
import { loadKuromojiTokenizer } from './japanese-kana.ts';
import { preprocessText, type LanguageTools, type TextOptions } from './language-preprocessor.ts';
import { keepSpeakable, splitIntoChunks } from '../../text/index.ts';
import type { SpeechChunk } from '../../text/speech-script.ts';
import { REPLACED_PUNCTUATION } from './punctuation-normalizer.ts';
import { TextTokenizer, countTextTokens, escapeControlTokens } from './text-tokenizer.ts';

export interface EncodedChunk {
  /** The chunk's spoken text after the tokenizer-unknown pass: what the model is given. */
  text: string;
  /** Characters the tokenizer has no token for, dropped from `text`, with counts. */
  dropped: Record<string, number>;
  /** After preprocessing, as the tokenizer saw it. */
  preprocessed: string;
  /** Whole prompt: template prefix, text ids, template suffix. */
  ids: number[];
  /** Text tokens in the prompt ([START] .. [STOP] inclusive). */
  textTokens: number;
}

/** Characters the language step of preprocessing rewrites into tokens the vocabulary has. */
const LANGUAGE_STEP_SCRIPTS: Partial<Record<LanguageCode, RegExp>> = {
  zh: /\p{Script=Han}/u,
  ja: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u,
  ko: /\p{Script=Hangul}/u,
};

export class TextFrontEnd {
  private cangjie?: Promise<CangjieConverter | undefined>;

  private constructor(
    private readonly modelDir: string,
    /** The model's tokenizer (control tokens, special ids). */
    readonly tokenizer: TextTokenizer,
    private readonly options: TextOptions,
  ) {}

  static async load(modelDir: string, options: TextOptions = {}): Promise<TextFrontEnd> {
    return new TextFrontEnd(modelDir, await TextTokenizer.load(modelDir), options);
  }

  /**
   * Prompts for the text stage's chunks; plain text (tests, benches, the model check) is split
   * into sentences first. Characters the tokenizer cannot map are transliterated or dropped
   * (and reported) before preprocessing, so none reaches the model as [UNK].
   */
  async encodeChunks(input: string | readonly Pick<SpeechChunk, 'spoken' | 'fragment'>[], language: LanguageCode): Promise<EncodedChunk[]> {
    const tools = await this.toolsFor(language);
    const chunks = typeof input === 'string' ? splitIntoChunks(input, language).map((spoken) => ({ spoken, fragment: false })) : input;
    const isKnown = this.knownCharFor(language);
    return chunks.map((chunk) => {
      const kept = keepSpeakable(escapeControlTokens(chunk.spoken, this.tokenizer.controlTokens), isKnown);
      const { dropped } = kept;
      // A dropped character at an edge leaves a space there.
      const text = kept.text.trim();
      // Nothing speakable left: no prompt (preprocessing would put upstream's "add some text" sentence here).
      if (text === '') return { text: '', dropped, preprocessed: '', ids: [], textTokens: 0 };
      const preprocessed = preprocessText(text, language, tools, { ...this.options, fragment: chunk.fragment });
      const ids = this.tokenizer.promptIds(preprocessed);
      return { text, dropped, preprocessed, ids, textTokens: countTextTokens(ids) };
    });
  }

  /** A character the model can be given: one the tokenizer knows, or one preprocessing turns into such (Han, kana, Hangul, typographic punctuation). */
  private knownCharFor(language: LanguageCode): (char: string) => boolean {
    const script = LANGUAGE_STEP_SCRIPTS[language];
    return (char) => this.tokenizer.knows(char) || /\s/u.test(char) || REPLACED_PUNCTUATION.has(char) || (script?.test(char) ?? false);
  }

  private async toolsFor(language: LanguageCode): Promise<LanguageTools> {
    if (language === 'zh') return { cangjie: await this.loadCangjie() };
    if (language === 'ja') return { japaneseReadings: await loadKuromojiTokenizer() };
    return {};
  }

  private loadCangjie(): Promise<CangjieConverter | undefined> {
    const path = join(this.modelDir, CANGJIE_FILE);
    // Without the table Chinese still synthesizes, badly ([UNK]s); the model folder check reports it.
    this.cangjie ??= access(path).then(
      () => CangjieConverter.load(path),
      () => undefined,
    );
    return this.cangjie;
  }
}

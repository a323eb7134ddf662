/**
 * From user text to model prompts: chunking, per-language preprocessing, tokenization.
 * Language helpers that need files or big dictionaries (Cangjie table, Japanese readings)
 * are loaded on first use.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { CANGJIE_FILE } from '../../../models/contract.ts';
import type { LanguageCode } from '../../shared/languages.ts';
import { CangjieConverter } from './cangjie-converter.ts';
import { loadKuromojiTokenizer } from './japanese-kana.ts';
import { preprocessText, type LanguageTools, type TextOptions } from './language-preprocessor.ts';
import { splitIntoChunks } from '../../text/index.ts';
import { TextTokenizer, countTextTokens, escapeControlTokens } from './text-tokenizer.ts';

export interface EncodedChunk {
  /** The chunk as the user wrote it. */
  text: string;
  /** After preprocessing, as the tokenizer saw it. */
  preprocessed: string;
  /** Whole prompt: template prefix, text ids, template suffix. */
  ids: number[];
  /** Text tokens in the prompt ([START] .. [STOP] inclusive). */
  textTokens: number;
}

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

  async encodeChunks(text: string, language: LanguageCode): Promise<EncodedChunk[]> {
    const tools = await this.toolsFor(language);
    return splitIntoChunks(text, language).map((chunk) => {
      const preprocessed = preprocessText(escapeControlTokens(chunk, this.tokenizer.controlTokens), language, tools, this.options);
      const ids = this.tokenizer.promptIds(preprocessed);
      return { text: chunk, preprocessed, ids, textTokens: countTextTokens(ids) };
    });
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

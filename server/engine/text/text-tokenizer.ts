/**
 * tokenizer.json through @huggingface/tokenizers, plus the post-processor template read from
 * the file itself: its special tokens carry speech-space ids (6563, 6561) that are not in
 * the text vocabulary, which tokenizers.js would look up by name and turn into [UNK].
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { TEXT_VOCAB_SIZE, TOKENIZER_CONFIG_FILE, TOKENIZER_FILE, TOKENS } from '../../../models/contract.ts';

type TemplatePiece = { SpecialToken: { id: string } } | { Sequence: { id: string } };
interface TemplateConfig {
  type?: string;
  single?: TemplatePiece[];
  special_tokens?: Record<string, { ids: number[] }>;
}

/** The prompt layout of the reference when a tokenizer.json has no template (§3.2). */
const DEFAULT_PREFIX = [TOKENS.exaggeration, TOKENS.textStart];
const DEFAULT_SUFFIX = [TOKENS.textStop, TOKENS.startSpeech, TOKENS.startSpeech];

export class TextTokenizer {
  private constructor(
    private readonly tokenizer: Tokenizer,
    private readonly prefix: number[],
    private readonly suffix: number[],
  ) {}

  static async load(modelDir: string): Promise<TextTokenizer> {
    const json = JSON.parse(await readFile(join(modelDir, TOKENIZER_FILE), 'utf8')) as { post_processor?: TemplateConfig };
    const config = await readFile(join(modelDir, TOKENIZER_CONFIG_FILE), 'utf8').then(
      (text) => JSON.parse(text) as object,
      () => ({}),
    );
    const [prefix, suffix] = templateAround(json.post_processor);
    return new TextTokenizer(new Tokenizer(json, config), prefix, suffix);
  }

  /** Ids of the text alone; ids past the v1 text table become [UH], as the QVAC port does (§1.3). */
  textIds(preprocessed: string): number[] {
    const { ids } = this.tokenizer.encode(preprocessed, { add_special_tokens: false });
    return ids.map((id: number) => (id < TEXT_VOCAB_SIZE ? id : TOKENS.textUh));
  }

  /** The whole prompt: template prefix, text ids, template suffix. */
  promptIds(preprocessed: string): number[] {
    return [...this.prefix, ...this.textIds(preprocessed), ...this.suffix];
  }
}

function templateAround(config: TemplateConfig | undefined): [number[], number[]] {
  if (config?.type !== 'TemplateProcessing' || !config.single || !config.special_tokens) return [DEFAULT_PREFIX, DEFAULT_SUFFIX];
  const prefix: number[] = [];
  const suffix: number[] = [];
  let target = prefix;
  for (const piece of config.single) {
    if ('Sequence' in piece) target = suffix;
    else target.push(...(config.special_tokens[piece.SpecialToken.id]?.ids ?? []));
  }
  return [prefix, suffix];
}

/** Text tokens the model sees in a prompt: positions up to the first [STOP], minus the exaggeration slot. */
export function countTextTokens(promptIds: readonly number[]): number {
  const stop = promptIds.indexOf(TOKENS.textStop);
  return promptIds.slice(0, stop + 1).filter((id) => id !== TOKENS.exaggeration).length;
}

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

interface TokenizerJson {
  post_processor?: TemplateConfig;
  added_tokens?: Array<{ content: string; id: number }>;
  model?: { vocab?: Record<string, number> };
}

export class TextTokenizer {
  /** Added tokens of tokenizer.json (`[START]`, `[en]`, `[cj_a]`, ...): user text must not spell them. */
  readonly controlTokens: readonly string[];
  /** knows() answers, per character (a text repeats its characters). */
  private readonly known = new Map<string, boolean>();

  private constructor(
    private readonly tokenizer: Tokenizer,
    private readonly prefix: number[],
    private readonly suffix: number[],
    private readonly json: TokenizerJson,
  ) {
    this.controlTokens = (json.added_tokens ?? []).map((t) => t.content);
  }

  static async load(modelDir: string): Promise<TextTokenizer> {
    const json = JSON.parse(await readFile(join(modelDir, TOKENIZER_FILE), 'utf8')) as TokenizerJson;
    const config = await readFile(join(modelDir, TOKENIZER_CONFIG_FILE), 'utf8').then(
      (text) => JSON.parse(text) as object,
      () => ({}),
    );
    const [prefix, suffix] = templateAround(json.post_processor);
    return new TextTokenizer(new Tokenizer(json, config), prefix, suffix, json);
  }

  /** The id of a token of the vocabulary or the added tokens, if it has one. */
  idOf(token: string): number | undefined {
    return this.json.added_tokens?.find((t) => t.content === token)?.id ?? this.json.model?.vocab?.[token];
  }

  /**
   * Whether the model can be given this character: the tokenizer (its own normalizer included,
   * e.g. the v3 export's NFKD) maps it to text tokens of the model's table, none of them [UNK].
   */
  knows(char: string): boolean {
    const cached = this.known.get(char);
    if (cached !== undefined) return cached;
    const ids: number[] = this.tokenizer.encode(char, { add_special_tokens: false }).ids;
    const known = ids.length > 0 && ids.every((id) => id !== TOKENS.textUnknown && id < TEXT_VOCAB_SIZE);
    this.known.set(char, known);
    return known;
  }

  /** The largest id the tokenizer can produce. */
  maxId(): number {
    const ids = [...(this.json.added_tokens ?? []).map((t) => t.id), ...Object.values(this.json.model?.vocab ?? {})];
    return ids.reduce((max, id) => Math.max(max, id), 0);
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

/**
 * User text with every spelled-out control token disarmed: its square brackets are dropped
 * (`[STOP]` -> `STOP`), so `[STOP]`, `[START]`, `[xx]` tags or `[cj_x]` codes typed by a user are
 * read as letters instead of becoming control ids (a stray [STOP] would even move the text/speech
 * split in embed_tokens). Repeated until none is left, since dropping brackets can form a new one.
 */
export function escapeControlTokens(text: string, controlTokens: readonly string[]): string {
  const bracketed = [...controlTokens].filter((t) => t.startsWith('[') && t.endsWith(']')).sort((a, b) => b.length - a.length);
  let result = text;
  for (let found = true; found; ) {
    found = false;
    for (const token of bracketed) {
      if (!result.includes(token)) continue;
      result = result.replaceAll(token, token.slice(1, -1));
      found = true;
    }
  }
  return result;
}

/** Text tokens the model sees in a prompt: positions up to the first [STOP], minus the exaggeration slot. */
export function countTextTokens(promptIds: readonly number[]): number {
  const stop = promptIds.indexOf(TOKENS.textStop);
  return promptIds.slice(0, stop + 1).filter((id) => id !== TOKENS.exaggeration).length;
}

/**
 * The tokenizer.json checks made at load: the control tokens the model was trained with keep
 * their ids (upstream asserts [START] and [STOP] are in the vocabulary; resemble-ai/chatterbox,
 * src/chatterbox/models/tokenizers/tokenizer.py @a9742ee, `check_vocabset_sot_eot`), every
 * supported language has its `[xx]` tag, and the text embedding table has a row for every id.
 */
import { TOKENS, languageTag } from '../../../models/contract.ts';
import { LANGUAGE_CODES } from '../../shared/languages.ts';
import type { TextTokenizer } from './text-tokenizer.ts';

const SPECIAL_IDS: ReadonlyArray<readonly [string, number]> = [
  ['[START]', TOKENS.textStart],
  ['[STOP]', TOKENS.textStop],
  ['[SPACE]', TOKENS.textSpace],
];

export interface TokenizerCheck {
  /** The model cannot work with this tokenizer. */
  problems: string[];
  /** It works, less well (ids past the embedding table are read as [UH]). */
  warnings: string[];
}

/** `textTableRows`: rows of embed_tokens' text table, when it could be told apart from the other tables. */
export function checkTokenizer(tokenizer: TextTokenizer, textTableRows: number | undefined): TokenizerCheck {
  const problems: string[] = [];
  for (const [token, expected] of SPECIAL_IDS) {
    const id = tokenizer.idOf(token);
    if (id === undefined) problems.push(`tokenizer: ${token} is missing`);
    else if (id !== expected) problems.push(`tokenizer: ${token} has id ${id}, the model expects ${expected}`);
  }
  for (const code of LANGUAGE_CODES) {
    const id = tokenizer.idOf(languageTag(code));
    if (id === undefined) problems.push(`tokenizer: language tag ${languageTag(code)} is missing`);
    else if (textTableRows !== undefined && id >= textTableRows) problems.push(`tokenizer: ${languageTag(code)} has id ${id}, past the ${textTableRows}-row text embedding table`);
  }
  const warnings: string[] = [];
  const maxId = tokenizer.maxId();
  if (textTableRows === undefined) warnings.push('embed_tokens: the text embedding table could not be told apart, so token ids were not checked against it');
  else if (maxId >= textTableRows) warnings.push(`tokenizer: ids up to ${maxId} pass the ${textTableRows}-row text embedding table; those tokens are read as [UH]`);
  return { problems, warnings };
}

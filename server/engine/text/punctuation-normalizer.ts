/**
 * Upstream Chatterbox `punc_norm`: the model was trained on text cleaned this way, and
 * skipping it makes words at the edges go wrong (resemble-ai/chatterbox, `punc_norm` in
 * src/chatterbox/mtl_tts.py).
 */

/** What upstream says when it is given nothing to say. */
export const EMPTY_TEXT_REPLACEMENT = 'You need to add some text for me to talk.';

/** Applied in order, exactly as upstream lists them. */
const REPLACEMENTS: ReadonlyArray<readonly [string, string]> = [
  ['...', ', '],
  ['…', ', '],
  [':', ','],
  [' - ', ', '],
  [';', ', '],
  ['—', '-'],
  ['–', '-'],
  [' ,', ','],
  ['“', '"'],
  ['”', '"'],
  ['‘', "'"],
  ['’', "'"],
];

/** Single characters the replacements rewrite: the tokenizer need not know them. */
export const REPLACED_PUNCTUATION: ReadonlySet<string> = new Set(REPLACEMENTS.map(([from]) => from).filter((from) => [...from].length === 1));

const SENTENCE_ENDERS = ['.', '!', '?', '-', ',', '、', '，', '。', '？', '！'];

export interface PunctuationOptions {
  /**
   * The text is a piece of a longer sentence (split at spaces for length): no final full stop,
   * which the model would read as the end of a sentence. @defaultValue false
   */
  fragment?: boolean;
}

export function normalizePunctuation(input: string, options: PunctuationOptions = {}): string {
  if (input.length === 0) return EMPTY_TEXT_REPLACEMENT;
  let text = capitalizeFirst(input);
  text = text.split(/\s+/u).filter(Boolean).join(' ');
  for (const [from, to] of REPLACEMENTS) text = text.replaceAll(from, to);
  text = text.replace(/ +$/u, '');
  if (!options.fragment && !SENTENCE_ENDERS.some((ender) => text.endsWith(ender))) text += '.';
  return text;
}

/** Python's `str.islower()` on one character: it has case and is the lower form. */
function capitalizeFirst(text: string): string {
  const first = String.fromCodePoint(text.codePointAt(0)!);
  const isLower = first !== first.toUpperCase() && first === first.toLowerCase();
  return isLower ? first.toUpperCase() + text.slice(first.length) : text;
}

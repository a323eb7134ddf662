/**
 * The two prefill rows of classifier-free guidance. Upstream builds the unconditional row by
 * zeroing the text *token* embeddings and then adding the learned text *position* embeddings
 * (`text_emb[1].zero_()` runs before `text_emb = text_emb + self.text_pos_emb(text_tokens)`;
 * resemble-ai/chatterbox, src/chatterbox/models/t3/t3.py @a9742ee, `prepare_input_embeds`), and
 * keeps the conditioning (speaker, perceiver, emotion) and the speech part. The community
 * embed_tokens graph returns token + position as one sum, so the unconditional text span is
 * rebuilt from the position table itself (`text_pos_emb.weight`, read from the graph's
 * initializers), which gives exactly upstream's row. (The C# CBoxTTS and Finnish ports zero the
 * whole span instead; QVAC subtracts the token table and gets the same row as this.)
 */
import { HIDDEN_SIZE, TOKENS } from '../../../models/contract.ts';

/** Position ids of the reference loop: speech-space ids get 0, text counts from [START] = 0. */
export function promptPositions(promptIds: readonly number[]): number[] {
  return promptIds.map((id, j) => (id >= TOKENS.speechCodeLimit ? 0 : j - 1));
}

/**
 * The unconditional row from the conditional one ([conditioning | prompt], `conditioningRows`
 * rows first): every text position up to the first [STOP] (the exaggeration slot excepted) is
 * replaced by the text position embedding of its position id.
 */
export function unconditionalRow(
  conditional: Float32Array,
  conditioningRows: number,
  promptIds: readonly number[],
  positions: readonly number[],
  textPositionTable: Float32Array,
): Float32Array {
  const row = Float32Array.from(conditional);
  const stop = promptIds.indexOf(TOKENS.textStop);
  for (let j = 0; j <= stop; j++) {
    if (promptIds[j] === TOKENS.exaggeration) continue;
    const position = positions[j]!;
    const source = textPositionTable.subarray(position * HIDDEN_SIZE, (position + 1) * HIDDEN_SIZE);
    if (source.length !== HIDDEN_SIZE) throw new Error(`text position ${position} is outside the position table`);
    row.set(source, (conditioningRows + j) * HIDDEN_SIZE);
  }
  return row;
}

/**
 * Runs the language model for one or two rows (conditional, and unconditional for CFG) with
 * their KV caches. With CFG, both rows go in one batch-2 call when the graph accepts batch 2
 * (the QVAC port does this, tetherto/qvac ChatterboxEngine.cpp @59983b5); an export whose batch
 * is fixed at 1 gets two batch-1 calls with a cache each instead (as the C# CBoxTTS port does).
 * The choice is made once per model by probeBatchOfTwo.
 *
 * Per step it allocates only what onnxruntime-node makes it: the presents are fed back as the
 * next pasts without a copy, and the attention mask is a view of one buffer of ones. (The
 * binding copies every output into a fresh ArrayBuffer, preallocated fetches included: it writes
 * them and still returns copies, and Node has no IOBinding, so the 60 KV copies per step stay.)
 */
import { HEAD_DIM, HIDDEN_SIZE, NUM_KV_HEADS, SPEECH_VOCAB_SIZE, pastKeyValueNames, presentNames } from '../../../models/contract.ts';
import { concatSamples } from '../../audio/join-chunks.ts';
import { tensor, type ModelSession, type Tensor, type TensorType } from '../onnx/session.ts';
import { fromFloat16, toFloat16 } from './float16.ts';

/** 'batch': both CFG rows in one batch-2 call; 'split': one batch-1 call per row. */
export type CfgMode = 'batch' | 'split';

const PAST_NAMES = pastKeyValueNames();
const PRESENT_NAMES = presentNames();

/** One KV cache and the rows that share it (one call per group and step). */
interface Group {
  rows: number[];
  past: Record<string, Tensor>;
}

export class LanguageModelRunner {
  private readonly groups: Group[];
  private readonly kvType: TensorType;
  private readonly embedsType: TensorType;
  private total = 0;
  /** Ones for attention_mask; grows by doubling, each step passes a view of its head. */
  private ones = new BigInt64Array(0);

  constructor(
    private readonly lm: ModelSession,
    rowCount: 1 | 2,
    mode: CfgMode,
  ) {
    this.kvType = inputType(lm, PAST_NAMES[0]!);
    this.embedsType = inputType(lm, 'inputs_embeds');
    const layout = rowCount === 1 ? [[0]] : mode === 'batch' ? [[0, 1]] : [[0], [1]];
    this.groups = layout.map((rows) => ({ rows, past: emptyPast(rows.length, this.kvType) }));
  }

  /** Feeds `sequence` new positions per row (`rows[r]` is [sequence x 1024]); returns each row's last logits. */
  async run(rows: readonly Float32Array[], sequence: number): Promise<Float32Array[]> {
    this.total += sequence;
    const logits: Float32Array[] = [];
    for (const group of this.groups) {
      const batch = group.rows.length;
      const embeds = concatRows(group.rows.map((r) => rows[r]!));
      const outputs = await this.lm.run({
        inputs_embeds: this.embedsType === 'float16' ? tensor('float16', toFloat16(embeds), [batch, sequence, HIDDEN_SIZE]) : tensor('float32', embeds, [batch, sequence, HIDDEN_SIZE]),
        attention_mask: tensor('int64', this.onesFor(batch * this.total), [batch, this.total]),
        ...group.past,
      });
      group.past = Object.fromEntries(PAST_NAMES.map((name, i) => [name, outputs[PRESENT_NAMES[i]!]!]));
      logits.push(...lastLogits(outputs.logits!, batch));
    }
    return logits;
  }

  private onesFor(length: number): BigInt64Array {
    if (this.ones.length < length) this.ones = new BigInt64Array(Math.max(length, this.ones.length * 2)).fill(1n);
    return this.ones.subarray(0, length);
  }
}

/**
 * Whether the language model runs at batch 2: one step on a single zero position with an
 * empty cache. A graph with a fixed batch of 1 (or one that fails at 2) answers false.
 */
export async function probeBatchOfTwo(lm: ModelSession): Promise<boolean> {
  try {
    const runner = new LanguageModelRunner(lm, 2, 'batch');
    const logits = await runner.run([new Float32Array(HIDDEN_SIZE), new Float32Array(HIDDEN_SIZE)], 1);
    return logits.length === 2;
  } catch {
    return false;
  }
}

function emptyPast(batch: number, type: TensorType): Record<string, Tensor> {
  const data = () => (type === 'float16' ? new Uint16Array(0) : new Float32Array(0));
  return Object.fromEntries(PAST_NAMES.map((name) => [name, tensor(type, data(), [batch, NUM_KV_HEADS, 0, HEAD_DIM])]));
}

/** The last position's logits, one view per batch row (converted to float32 from fp16 graphs). */
function lastLogits(logits: Tensor, batch: number): Float32Array[] {
  const [, sequence, vocab] = logits.dims as [number, number, number];
  if (vocab !== SPEECH_VOCAB_SIZE) throw new Error(`language model returned ${vocab} logits, expected ${SPEECH_VOCAB_SIZE}`);
  return Array.from({ length: batch }, (_, b) => {
    const start = (b * sequence + sequence - 1) * vocab;
    const row = logits.data.subarray(start, start + vocab);
    return row instanceof Uint16Array ? fromFloat16(row) : (row as Float32Array);
  });
}

function concatRows(rows: readonly Float32Array[]): Float32Array {
  if (rows.length === 1) return rows[0]!;
  return concatSamples(rows);
}

function inputType(session: ModelSession, name: string): TensorType {
  return session.inputs.find((i) => i.name === name)?.type === 'float16' ? 'float16' : 'float32';
}

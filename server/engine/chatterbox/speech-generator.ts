/**
 * The autoregressive loop (reference §3.3-3.7): embed the prompt, prefill the language model
 * with the voice conditioning in front, then one token per step, feeding the KV cache back.
 * With cfg_weight > 0 it runs batch 2: row 0 conditional, row 1 unconditional (text
 * embeddings zeroed, see buildPrefillEmbeds).
 */
import { HEAD_DIM, HIDDEN_SIZE, NUM_KV_HEADS, SPEECH_VOCAB_SIZE, TOKENS, pastKeyValueNames, presentNames } from '../../../models/contract.ts';
import { tensor, type ModelSession, type Tensor, type TensorType } from '../onnx/session.ts';
import { findRunawayCut, type RepetitionGuardOptions } from '../sampling/repetition-guard.ts';
import type { TokenSampler } from '../sampling/token-sampler.ts';
import { fromFloat16, toFloat16 } from './float16.ts';
import type { VoiceConditioning } from './voice-conditioning.ts';

export type StopReason = 'stop_token' | 'max_tokens' | 'repetition';

export interface GenerationRequest {
  promptIds: readonly number[];
  conditioning: VoiceConditioning;
  exaggeration: number;
  /** Guidance weight; 0 runs batch 1 without the unconditional row. */
  cfgWeight: number;
  maxNewTokens: number;
  sampler: TokenSampler;
  signal?: AbortSignal;
}

export interface GenerationResult {
  /** Generated speech codes (< 6561), without the seed and the stop id. */
  tokens: number[];
  stopReason: StopReason;
  /** Decoding steps run (tokens before any repetition cut). */
  steps: number;
}

const PAST_NAMES = pastKeyValueNames();
const PRESENT_NAMES = presentNames();

export class SpeechGenerator {
  private readonly kvType: TensorType;
  private readonly embedsType: TensorType;

  constructor(
    private readonly embed: ModelSession,
    private readonly lm: ModelSession,
    private readonly guard: RepetitionGuardOptions = {},
  ) {
    this.kvType = typeOf(lm, PAST_NAMES[0]!);
    this.embedsType = typeOf(lm, 'inputs_embeds');
  }

  async generate(request: GenerationRequest): Promise<GenerationResult> {
    const batch = request.cfgWeight > 0 ? 2 : 1;
    const prompt = await this.embedPrompt(request);
    let inputs = buildPrefillEmbeds(request.conditioning.audioFeatures, prompt, request.promptIds, batch);
    let past = emptyPast(batch, this.kvType);
    let total = inputs.length / (batch * HIDDEN_SIZE);
    let sequence = total;
    const tokens: number[] = [];
    const seen = new Set<number>([TOKENS.startSpeech]);
    for (let step = 0; step < request.maxNewTokens; step++) {
      throwIfAborted(request.signal);
      const outputs = await this.lm.run({
        inputs_embeds: this.embedsTensor(inputs, [batch, sequence, HIDDEN_SIZE]),
        attention_mask: tensor('int64', new BigInt64Array(batch * total).fill(1n), [batch, total]),
        ...past,
      });
      const [cond, uncond] = lastLogits(outputs.logits!, batch);
      const token = request.sampler.next(cond, uncond, seen);
      if (token === TOKENS.stopSpeech) return { tokens, stopReason: 'stop_token', steps: step + 1 };
      tokens.push(token);
      seen.add(token);
      const cut = findRunawayCut(tokens, this.guard);
      if (cut !== undefined) return { tokens: tokens.slice(0, cut), stopReason: 'repetition', steps: step + 1 };
      past = Object.fromEntries(PAST_NAMES.map((name, i) => [name, outputs[PRESENT_NAMES[i]!]!]));
      inputs = repeatRows(await this.embedSpeechToken(token, step + 1, request.exaggeration), batch);
      total += 1;
      sequence = 1;
    }
    return { tokens, stopReason: 'max_tokens', steps: request.maxNewTokens };
  }

  private async embedPrompt(request: GenerationRequest): Promise<Float32Array> {
    const ids = request.promptIds;
    // Position ids of the reference: speech-space ids get 0, text counts from [START] = 0.
    const positions = ids.map((id, j) => (id >= TOKENS.speechCodeLimit ? 0 : j - 1));
    return this.runEmbed(ids, positions, request.exaggeration);
  }

  /**
   * A lone 0 would be read as text [STOP] (the first 0 of a row splits text from speech),
   * so speech code 0 is embedded as [[0, 0]] and the second column kept (reference §2.2).
   */
  private async embedSpeechToken(token: number, position: number, exaggeration: number): Promise<Float32Array> {
    if (token !== 0) return this.runEmbed([token], [position], exaggeration);
    return (await this.runEmbed([0, token], [0, position], exaggeration)).slice(HIDDEN_SIZE);
  }

  private async runEmbed(ids: readonly number[], positions: readonly number[], exaggeration: number): Promise<Float32Array> {
    const dims = [1, ids.length];
    const outputs = await this.embed.run({
      input_ids: tensor('int64', BigInt64Array.from(ids, (id) => BigInt(id)), dims),
      position_ids: tensor('int64', BigInt64Array.from(positions, (p) => BigInt(p)), dims),
      exaggeration: tensor('float32', Float32Array.of(exaggeration), [1]),
    });
    return asFloat32(outputs.inputs_embeds!);
  }

  private embedsTensor(values: Float32Array, dims: number[]): Tensor {
    return this.embedsType === 'float16' ? tensor('float16', toFloat16(values), dims) : tensor('float32', values, dims);
  }
}

/**
 * Prefill rows: [conditioning | prompt embeddings]. The unconditional row keeps the
 * conditioning and speech part but zeroes the text span ([START] .. [STOP]); upstream zeroes
 * only the token part of those embeddings, which the community graphs cannot separate from
 * the position part, so we zero both, as the C# and Finnish ports do (reference §3.7).
 */
export function buildPrefillEmbeds(audioFeatures: Tensor, prompt: Float32Array, promptIds: readonly number[], batch: number): Float32Array {
  const conditioning = asFloat32(audioFeatures);
  const rowLength = conditioning.length + prompt.length;
  const rows = new Float32Array(batch * rowLength);
  rows.set(conditioning, 0);
  rows.set(prompt, conditioning.length);
  if (batch === 2) {
    rows.copyWithin(rowLength, 0, rowLength);
    const stop = promptIds.indexOf(TOKENS.textStop);
    for (let j = 0; j <= stop; j++) {
      if (promptIds[j] === TOKENS.exaggeration) continue;
      const start = rowLength + conditioning.length + j * HIDDEN_SIZE;
      rows.fill(0, start, start + HIDDEN_SIZE);
    }
  }
  return rows;
}

function emptyPast(batch: number, type: TensorType): Record<string, Tensor> {
  const data = () => (type === 'float16' ? new Uint16Array(0) : new Float32Array(0));
  return Object.fromEntries(PAST_NAMES.map((name) => [name, tensor(type, data(), [batch, NUM_KV_HEADS, 0, HEAD_DIM])]));
}

/** The last position's logits, one view per batch row (converted to float32 from fp16 graphs). */
function lastLogits(logits: Tensor, batch: number): [Float32Array, Float32Array | undefined] {
  const [, sequence, vocab] = logits.dims as [number, number, number];
  const rows: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const start = (b * sequence + sequence - 1) * vocab;
    const row = logits.data.subarray(start, start + vocab);
    rows.push(row instanceof Uint16Array ? fromFloat16(row) : (row as Float32Array));
  }
  if (rows[0]!.length !== SPEECH_VOCAB_SIZE) throw new Error(`language model returned ${rows[0]!.length} logits, expected ${SPEECH_VOCAB_SIZE}`);
  return [rows[0]!, rows[1]];
}

function repeatRows(row: Float32Array, batch: number): Float32Array {
  if (batch === 1) return row;
  const rows = new Float32Array(row.length * batch);
  for (let b = 0; b < batch; b++) rows.set(row, b * row.length);
  return rows;
}

function asFloat32(t: Tensor): Float32Array {
  return t.data instanceof Uint16Array ? fromFloat16(t.data) : (t.data as Float32Array);
}

function typeOf(session: ModelSession, name: string): TensorType {
  const type = session.inputs.find((i) => i.name === name)?.type;
  return type === 'float16' ? 'float16' : 'float32';
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('Synthesis was cancelled.', 'AbortError');
}

/**
 * The autoregressive loop of the reference pipeline (VladOS95-cyber/onnx_conversion_scripts,
 * chatterbox/chatterbox_multi_inference_script.py @98928fc) with upstream's CFG and stop rules:
 * embed the prompt, prefill the language model with the voice conditioning in front, then one
 * token per step, feeding the KV cache back. With cfg_weight > 0 a second, unconditional row
 * runs beside the conditional one (cfg-rows.ts).
 */
import { HIDDEN_SIZE, TOKENS } from '../../../models/contract.ts';
import { tensor, type ModelSession, type Tensor } from '../onnx/session.ts';
import type { TokenSampler } from '../sampling/token-sampler.ts';
import { countTextTokens } from '../text/text-tokenizer.ts';
import { promptPositions, unconditionalRow } from './cfg-rows.ts';
import { fromFloat16 } from './float16.ts';
import { LanguageModelRunner, type CfgMode } from './language-model-runner.ts';
import { repetitionStop, speechTokenCap, type StopReason, type StopRuleOptions } from './stop-rules.ts';
import type { VoiceConditioning } from './voice-conditioning.ts';

export type { StopReason } from './stop-rules.ts';

export interface GenerationRequest {
  promptIds: readonly number[];
  conditioning: VoiceConditioning;
  exaggeration: number;
  /** Guidance weight; 0 runs the conditional row alone. */
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
  /** The token cap this chunk had. */
  cap: number;
}

export interface SpeechGeneratorOptions {
  /** Rows of `text_pos_emb`, [2050 x 1024] float32, read from embed_tokens (see cfg-rows.ts). */
  textPositionTable: Float32Array;
  /** How the two CFG rows run (see language-model-runner.ts). @defaultValue 'batch' */
  cfgMode?: CfgMode;
  stopRules?: StopRuleOptions;
}

export class SpeechGenerator {
  constructor(
    private readonly embed: ModelSession,
    private readonly lm: ModelSession,
    private readonly options: SpeechGeneratorOptions,
  ) {}

  async generate(request: GenerationRequest): Promise<GenerationResult> {
    const rows = await this.prefillRows(request);
    const runner = new LanguageModelRunner(this.lm, rows.length as 1 | 2, this.options.cfgMode ?? 'batch');
    const cap = speechTokenCap(countTextTokens(request.promptIds), request.maxNewTokens, this.options.stopRules);
    let inputs = rows;
    let sequence = rows[0]!.length / HIDDEN_SIZE;
    const tokens: number[] = [];
    const seen = new Set<number>([TOKENS.startSpeech]);
    for (let step = 0; step < cap; step++) {
      throwIfAborted(request.signal);
      const [cond, uncond] = await runner.run(inputs, sequence);
      const token = request.sampler.next(cond!, uncond, seen);
      if (token === TOKENS.stopSpeech) return { tokens, stopReason: 'stop_token', steps: step + 1, cap };
      tokens.push(token);
      seen.add(token);
      const stop = repetitionStop(tokens, this.options.stopRules);
      if (stop) return { tokens: tokens.slice(0, stop.keep), stopReason: stop.reason, steps: step + 1, cap };
      const next = await this.embedSpeechToken(token, step + 1, request.exaggeration);
      inputs = rows.map(() => next);
      sequence = 1;
    }
    return { tokens, stopReason: 'max_tokens', steps: cap, cap };
  }

  /** [conditioning | prompt] for the conditional row, and the unconditional row when guidance is on. */
  private async prefillRows(request: GenerationRequest): Promise<Float32Array[]> {
    const positions = promptPositions(request.promptIds);
    const prompt = await this.runEmbed(request.promptIds, positions, request.exaggeration);
    const conditioning = asFloat32(request.conditioning.audioFeatures);
    const conditional = new Float32Array(conditioning.length + prompt.length);
    conditional.set(conditioning);
    conditional.set(prompt, conditioning.length);
    if (request.cfgWeight <= 0) return [conditional];
    const conditioningRows = conditioning.length / HIDDEN_SIZE;
    return [conditional, unconditionalRow(conditional, conditioningRows, request.promptIds, positions, this.options.textPositionTable)];
  }

  /**
   * A lone 0 would be read as text [STOP] (the first 0 of a row splits text from speech),
   * so speech code 0 is embedded as [[0, 0]] and the second column kept (reference export,
   * class `InputsEmbeds`).
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
}

function asFloat32(t: Tensor): Float32Array {
  return t.data instanceof Uint16Array ? fromFloat16(t.data) : (t.data as Float32Array);
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('Synthesis was cancelled.', 'AbortError');
}

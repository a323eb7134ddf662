/**
 * The input/output contract of the four Chatterbox Multilingual ONNX graphs
 * (onnx-community/chatterbox-multilingual-ONNX), shared by the model validator
 * (server/engine), the first-contact check (models/verify) and the tiny stand-in generator
 * (models/tiny) so they can never drift. Names, dtypes and dynamic axes come from the export
 * script (VladOS95-cyber/onnx_conversion_scripts, chatterbox/chatterbox_to_onnx_conversion_script.py
 * @98928fc, `export_model_to_onnx`); table sizes from upstream T3Config
 * (resemble-ai/chatterbox, src/chatterbox/models/t3/modules/t3_config.py @a9742ee).
 */

/** The speech encoder expects and the decoder renders 24 kHz mono. */
export const SAMPLE_RATE_HZ = 24_000;
/** Hidden size of the T3 Llama backbone and of every embedding row. */
export const HIDDEN_SIZE = 1024;
/** Transformer layers; each has one key and one value cache tensor. */
const NUM_LAYERS = 30;
/** Key/value heads of the backbone (no grouping: 16 query heads share nothing). */
export const NUM_KV_HEADS = 16;
export const HEAD_DIM = 64;
/** Width of the speech head: ids 0..8193 (only 0..6560 and the stop id are real choices). */
export const SPEECH_VOCAB_SIZE = 8194;
/** CAMPPlus x-vector width. */
export const SPEAKER_EMBEDDING_SIZE = 192;
/** Log-mel bins of the prompt features. */
export const MEL_BINS = 80;
/** Rows of the conditioning prefix: 1 speaker slot + 32 perceiver tokens. */
export const CONDITIONING_ROWS = 33;
/** Rows of the text embedding table in the community graphs (v1 checkpoint); larger ids overflow it. */
export const TEXT_VOCAB_SIZE = 2352;
/**
 * Rows of the learned text position table (`text_pos_emb`, max_text_tokens 2048 + 2). Its shape
 * [2050, 1024] is unique among the embed_tokens initializers (text 2352, speech 8194, speech
 * position 4100 rows), which is how the table is found for the CFG unconditional row.
 */
export const TEXT_POSITION_ROWS = 2050;
/** Rows of the learned speech position table (max_speech_tokens 4096 + 4): generated positions stay below. */
export const SPEECH_POSITION_ROWS = 4100;

/** Token ids with a fixed meaning in the model (§3.2, §3.5). */
export const TOKENS = {
  /** Text `[STOP]` / end of text; the first 0 in a row splits text from speech in embed_tokens. */
  textStop: 0,
  textUnknown: 1,
  textSpace: 2,
  /** Text `[START]`. */
  textStart: 255,
  /** Text `[UH]`, used in place of ids past the text table. */
  textUh: 605,
  /** Speech codes are 0..6560; the decoder accepts nothing else. */
  speechCodeLimit: 6561,
  startSpeech: 6561,
  stopSpeech: 6562,
  /** Embedded as emotion_adv_fc(exaggeration) rather than looked up. */
  exaggeration: 6563,
  /** S3Gen silence code. */
  speechSilence: 4299,
} as const;

export type TensorElementType = 'float32' | 'float16' | 'int64';
/** A fixed size, or a symbolic name (any name matches: exports rename them). */
export type Dim = number | string;

export interface TensorContract {
  name: string;
  /** Accepted element types; the LM's KV cache is float16 in the fp16/q4f16 variants. */
  types: readonly TensorElementType[];
  shape: readonly Dim[];
}

export interface GraphContract {
  inputs: readonly TensorContract[];
  outputs: readonly TensorContract[];
}

export type GraphName = 'speech_encoder' | 'embed_tokens' | 'language_model' | 'conditional_decoder';
export const GRAPH_NAMES: readonly GraphName[] = ['speech_encoder', 'embed_tokens', 'language_model', 'conditional_decoder'];

const F32 = ['float32'] as const;
const I64 = ['int64'] as const;
const F32_OR_F16 = ['float32', 'float16'] as const;

/** `past_key_values.{l}.{key|value}` names in layer order, key before value. */
export function pastKeyValueNames(): string[] {
  return kvNames('past_key_values');
}

/** `present.{l}.{key|value}` names in layer order, key before value. */
export function presentNames(): string[] {
  return kvNames('present');
}

function kvNames(prefix: string): string[] {
  const names: string[] = [];
  for (let layer = 0; layer < NUM_LAYERS; layer++) names.push(`${prefix}.${layer}.key`, `${prefix}.${layer}.value`);
  return names;
}

export const GRAPH_CONTRACTS: Readonly<Record<GraphName, GraphContract>> = {
  speech_encoder: {
    inputs: [{ name: 'audio_values', types: F32, shape: ['batch_size', 'num_samples'] }],
    outputs: [
      { name: 'audio_features', types: F32, shape: ['batch_size', 'sequence_length', HIDDEN_SIZE] },
      { name: 'audio_tokens', types: I64, shape: ['batch_size', 'audio_sequence_length'] },
      { name: 'speaker_embeddings', types: F32, shape: ['batch_size', SPEAKER_EMBEDDING_SIZE] },
      { name: 'speaker_features', types: F32, shape: ['batch_size', 'feature_dim', MEL_BINS] },
    ],
  },
  embed_tokens: {
    inputs: [
      { name: 'input_ids', types: I64, shape: ['batch_size', 'sequence_length'] },
      { name: 'position_ids', types: I64, shape: ['batch_size', 'sequence_length'] },
      { name: 'exaggeration', types: F32, shape: ['batch_size'] },
    ],
    outputs: [{ name: 'inputs_embeds', types: F32, shape: ['batch_size', 'sequence_length', HIDDEN_SIZE] }],
  },
  language_model: {
    inputs: [
      // fp16 variant keeps float32 embeddings; q4f16 is not documented, so both are accepted.
      { name: 'inputs_embeds', types: F32_OR_F16, shape: ['batch_size', 'sequence_length', HIDDEN_SIZE] },
      { name: 'attention_mask', types: I64, shape: ['batch_size', 'total_sequence_length'] },
      ...pastKeyValueNames().map((name) => ({
        name,
        types: F32_OR_F16,
        shape: ['batch_size', NUM_KV_HEADS, 'past_sequence_length', HEAD_DIM],
      })),
    ],
    outputs: [
      { name: 'logits', types: F32_OR_F16, shape: ['batch_size', 'sequence_length', SPEECH_VOCAB_SIZE] },
      ...presentNames().map((name) => ({
        name,
        types: F32_OR_F16,
        shape: ['batch_size', NUM_KV_HEADS, 'total_sequence_length', HEAD_DIM],
      })),
    ],
  },
  conditional_decoder: {
    inputs: [
      { name: 'speech_tokens', types: I64, shape: ['batch_size', 'num_speech_tokens'] },
      { name: 'speaker_embeddings', types: F32, shape: ['batch_size', SPEAKER_EMBEDDING_SIZE] },
      { name: 'speaker_features', types: F32, shape: ['batch_size', 'feature_dim', MEL_BINS] },
    ],
    outputs: [{ name: 'waveform', types: F32, shape: ['batch_size', 'num_samples'] }],
  },
};

/** Language-model file variants; only the language model is quantized in the export (§1.2). */
export type ModelVariant = 'fp32' | 'fp16' | 'q4' | 'q4f16';
export const MODEL_VARIANTS: readonly ModelVariant[] = ['fp32', 'fp16', 'q4', 'q4f16'];

/** File name suffix per variant (transformers.js convention). */
const VARIANT_SUFFIX: Readonly<Record<ModelVariant, string>> = { fp32: '', fp16: '_fp16', q4: '_q4', q4f16: '_q4f16' };

/** Path of a graph inside a model folder; only the language model has variants. */
export function graphFile(graph: GraphName, variant: ModelVariant): string {
  const suffix = graph === 'language_model' ? VARIANT_SUFFIX[variant] : '';
  return `onnx/${graph}${suffix}.onnx`;
}

/**
 * The decoder input that replaces its in-graph random ops after preparation (see
 * models/onnx/seeded-noise.ts): standard-normal values drawn from the job's seeded generator,
 * float32 [n]. Each random op reads its values from this table in order.
 */
export const NOISE_TABLE_INPUT = 'noise_table';

/**
 * The prepared copy of the decoder (see models/prepare-decoder.ts), written next to the original
 * and named after the original's SHA-256, so a changed original is never paired with a stale copy.
 */
export function seededDecoderFile(originalSha256: string): string {
  return `onnx/conditional_decoder.seeded-${originalSha256.slice(0, 12)}.onnx`;
}

/** Language tags the tokenizer must know, one per supported language (`[xx]`). */
export function languageTag(code: string): string {
  return `[${code}]`;
}

/** Files at the root of a model folder besides the graphs. */
export const TOKENIZER_FILE = 'tokenizer.json';
export const TOKENIZER_CONFIG_FILE = 'tokenizer_config.json';
export const CANGJIE_FILE = 'Cangjie5_TC.json';
export const DEFAULT_VOICE_FILE = 'default_voice.wav';

/**
 * Marker file of a tiny stand-in model folder (models/tiny/): its presence tells the engine
 * the folder is the stand-in; it names the generator version, so stale folders are rebuilt.
 */
export const TINY_MARKER_FILE = 'tiny-model.json';
/** Variant a tiny folder runs by default; `fp32` and `fp16` (all-float16 I/O) are there too. */
export const TINY_DEFAULT_VARIANT: ModelVariant = 'q4f16';

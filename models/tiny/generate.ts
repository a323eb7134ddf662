/**
 * Writes the tiny stand-in model folder: four graphs with the real I/O contract (weights of
 * embed_tokens, speech_encoder and conditional_decoder in `.onnx_data` sidecars like the real
 * export), language-model variants (float32; float16 KV as q4f16; all-float16 I/O as fp16),
 * tokenizer.json, tokenizer_config.json, Cangjie5_TC.json, default_voice.wav, and a marker
 * listing every file with its size and SHA-256 (what models:verify checks a tiny folder against).
 * Deterministic and fast.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CANGJIE_FILE, DEFAULT_VOICE_FILE, TINY_MARKER_FILE, TOKENIZER_CONFIG_FILE, TOKENIZER_FILE, graphFile } from '../contract.ts';
import type { GraphSpec } from '../onnx/graph-builder.ts';
import { encodeModelWithData } from '../onnx/onnx-writer.ts';
import { buildConditionalDecoderGraph } from './graphs/conditional-decoder.graph.ts';
import { buildEmbedTokensGraph } from './graphs/embed-tokens.graph.ts';
import { buildLanguageModelGraph, type LanguageModelOptions } from './graphs/language-model.graph.ts';
import { buildSpeechEncoderGraph } from './graphs/speech-encoder.graph.ts';
import { buildTinyCangjieJson } from './tiny-cangjie.ts';
import { TINY_TOKENIZER_CONFIG, buildTinyTokenizerJson } from './tiny-tokenizer.ts';
import { buildTinyVoiceWav } from './tiny-voice.ts';

export type TinyModelName = 'tiny' | 'tiny-slow';

/** Bump when the graphs or the script change, so cached folders are rebuilt. */
export const TINY_GENERATOR_VERSION = 3;

export interface TinyMarker {
  name: TinyModelName;
  version: number;
  files: Array<{ path: string; bytes: number; sha256: string }>;
}

/** CPU work per step of the slow variant (see language-model.graph.ts). */
const SLOW_OPTIONS: LanguageModelOptions = { slowMatMuls: 24, slowRows: 64 };
/** Float initializers at least this big go to the sidecar (shape constants stay inline). */
const SIDECAR_MIN_BYTES = 128;

export function tinyFiles(name: TinyModelName): Map<string, Uint8Array | string> {
  const lm = name === 'tiny-slow' ? SLOW_OPTIONS : {};
  const files = new Map<string, Uint8Array | string>();
  addGraph(files, graphFile('speech_encoder', 'fp32'), buildSpeechEncoderGraph(), true);
  addGraph(files, graphFile('embed_tokens', 'fp32'), buildEmbedTokensGraph(), true);
  addGraph(files, graphFile('language_model', 'fp32'), buildLanguageModelGraph(lm), false);
  addGraph(files, graphFile('language_model', 'q4f16'), buildLanguageModelGraph({ ...lm, kvType: 'float16' }), false);
  addGraph(files, graphFile('language_model', 'fp16'), buildLanguageModelGraph({ ...lm, kvType: 'float16', ioType: 'float16' }), false);
  addGraph(files, graphFile('conditional_decoder', 'fp32'), buildConditionalDecoderGraph(), true);
  files.set(TOKENIZER_FILE, JSON.stringify(buildTinyTokenizerJson()));
  files.set(TOKENIZER_CONFIG_FILE, JSON.stringify(TINY_TOKENIZER_CONFIG));
  files.set(CANGJIE_FILE, JSON.stringify(buildTinyCangjieJson()));
  files.set(DEFAULT_VOICE_FILE, buildTinyVoiceWav());
  files.set(TINY_MARKER_FILE, JSON.stringify(marker(name, files)));
  return files;
}

/** A graph file, and its `<file>_data` sidecar when asked for (the real export's naming). */
function addGraph(files: Map<string, Uint8Array | string>, path: string, spec: GraphSpec, sidecar: boolean): void {
  const location = `${path.slice(path.lastIndexOf('/') + 1)}_data`;
  const encoded = encodeModelWithData(spec, sidecar ? { location, minBytes: SIDECAR_MIN_BYTES } : undefined);
  files.set(path, encoded.model);
  if (encoded.data) files.set(`${path}_data`, encoded.data);
}

function marker(name: TinyModelName, files: Map<string, Uint8Array | string>): TinyMarker {
  const listed = [...files].map(([path, content]) => {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    return { path, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
  return { name, version: TINY_GENERATOR_VERSION, files: listed };
}

/**
 * Writes the model into `dir` atomically: files go to a sibling temp folder that is renamed
 * into place, so a concurrent reader never sees half a model.
 */
export async function generateTinyModel(dir: string, name: TinyModelName): Promise<void> {
  const temp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(join(temp, 'onnx'), { recursive: true });
  for (const [path, content] of tinyFiles(name)) await writeFile(join(temp, path), content);
  await rm(dir, { recursive: true, force: true });
  try {
    await rename(temp, dir);
  } catch (error) {
    // Another process won the race and put a complete folder there; ours is redundant.
    await rm(temp, { recursive: true, force: true });
    if ((error as NodeJS.ErrnoException).code !== 'ENOTEMPTY' && (error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

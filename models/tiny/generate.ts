/**
 * Writes the tiny stand-in model folder: four graphs with the real I/O contract (plus a
 * float16-KV language model as the q4f16 variant), tokenizer.json, tokenizer_config.json,
 * Cangjie5_TC.json and default_voice.wav. Deterministic and fast (well under a second).
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CANGJIE_FILE, DEFAULT_VOICE_FILE, TINY_MARKER_FILE, TOKENIZER_CONFIG_FILE, TOKENIZER_FILE, graphFile } from '../contract.ts';
import type { GraphSpec } from '../onnx/graph-builder.ts';
import { encodeModel } from '../onnx/onnx-writer.ts';
import { buildConditionalDecoderGraph } from './graphs/conditional-decoder.graph.ts';
import { buildEmbedTokensGraph } from './graphs/embed-tokens.graph.ts';
import { buildLanguageModelGraph, type LanguageModelOptions } from './graphs/language-model.graph.ts';
import { buildSpeechEncoderGraph } from './graphs/speech-encoder.graph.ts';
import { buildTinyCangjieJson } from './tiny-cangjie.ts';
import { TINY_TOKENIZER_CONFIG, buildTinyTokenizerJson } from './tiny-tokenizer.ts';
import { buildTinyVoiceWav } from './tiny-voice.ts';

export type TinyModelName = 'tiny' | 'tiny-slow';

/** Bump when the graphs or the script change, so cached folders are rebuilt. */
export const TINY_GENERATOR_VERSION = 2;

/** CPU work per step of the slow variant (see language-model.graph.ts). */
const SLOW_OPTIONS: LanguageModelOptions = { slowMatMuls: 24, slowRows: 64 };

export function tinyFiles(name: TinyModelName): Map<string, Uint8Array | string> {
  const lmOptions = name === 'tiny-slow' ? SLOW_OPTIONS : {};
  const graphs: Array<[string, GraphSpec]> = [
    [graphFile('speech_encoder', 'fp32'), buildSpeechEncoderGraph()],
    [graphFile('embed_tokens', 'fp32'), buildEmbedTokensGraph()],
    [graphFile('language_model', 'fp32'), buildLanguageModelGraph(lmOptions)],
    [graphFile('language_model', 'q4f16'), buildLanguageModelGraph({ ...lmOptions, kvType: 'float16' })],
    [graphFile('conditional_decoder', 'fp32'), buildConditionalDecoderGraph()],
  ];
  const files = new Map<string, Uint8Array | string>(graphs.map(([path, spec]) => [path, encodeModel(spec)]));
  files.set(TOKENIZER_FILE, JSON.stringify(buildTinyTokenizerJson()));
  files.set(TOKENIZER_CONFIG_FILE, JSON.stringify(TINY_TOKENIZER_CONFIG));
  files.set(CANGJIE_FILE, JSON.stringify(buildTinyCangjieJson()));
  files.set(DEFAULT_VOICE_FILE, buildTinyVoiceWav());
  files.set(TINY_MARKER_FILE, JSON.stringify({ name, version: TINY_GENERATOR_VERSION }));
  return files;
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

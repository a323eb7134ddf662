/**
 * Writes the real-size stand-in model folder: the tiny model's tokenizer, voice, speech encoder
 * and embed_tokens (real widths already), with the language model replaced by the real-size one
 * (float32 only) and the decoder by the cost stand-in. Not for tests: about 1 GB on disk and
 * 2 GB of memory at load.
 */
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NUM_LAYERS, TINY_MARKER_FILE, graphFile } from '../../models/contract.ts';
import type { GraphSpec } from '../../models/onnx/graph-builder.ts';
import { encodeModelWithData } from '../../models/onnx/onnx-writer.ts';
import { tinyFiles } from '../../models/tiny/generate.ts';
import { DEFAULT_DECODER_GFLOP_PER_AUDIO_SECOND, buildDecoderStandIn } from './decoder.graph.ts';
import { buildRealSizeLanguageModel } from './language-model.graph.ts';

export interface RealSizeOptions {
  /** Transformer layers that compute (the rest pass their cache through). @defaultValue 30 */
  layers?: number;
  /** Assumed decoder cost (see decoder.graph.ts). @defaultValue 140 */
  decoderGflopPerAudioSecond?: number;
}

/** The stand-in's folder under `cacheDir` (generated on first use). */
export async function realSizeModelDir(
  cacheDir: string,
  options: RealSizeOptions = {},
): Promise<string> {
  const layers = options.layers ?? NUM_LAYERS;
  const gflop = options.decoderGflopPerAudioSecond ?? DEFAULT_DECODER_GFLOP_PER_AUDIO_SECOND;
  const dir = join(cacheDir, `real-size-v2-l${layers}-d${gflop}`);
  if (
    await access(join(dir, graphFile('language_model', 'fp32'))).then(
      () => true,
      () => false,
    )
  )
    return dir;
  const files = tinyFiles('tiny');
  for (const path of [...files.keys()])
    if (
      path.startsWith('onnx/language_model') ||
      path.startsWith('onnx/conditional_decoder') ||
      path === TINY_MARKER_FILE
    )
      files.delete(path);
  addGraph(files, graphFile('language_model', 'fp32'), buildRealSizeLanguageModel(layers));
  addGraph(files, graphFile('conditional_decoder', 'fp32'), buildDecoderStandIn(gflop));
  const temp = `${dir}.tmp-${process.pid}`;
  await mkdir(join(temp, 'onnx'), { recursive: true });
  for (const [path, content] of files) await writeFile(join(temp, path), content);
  await rm(dir, { recursive: true, force: true });
  await rename(temp, dir);
  return dir;
}

/** Weights go to a `<file>_data` sidecar, as in the real export (protobuf files stop at 2 GB). */
function addGraph(files: Map<string, Uint8Array | string>, path: string, spec: GraphSpec): void {
  const location = `${path.slice(path.lastIndexOf('/') + 1)}_data`;
  const encoded = encodeModelWithData(spec, { location, minBytes: 1024 });
  files.set(path, encoded.model);
  if (encoded.data) files.set(`${path}_data`, encoded.data);
}

/**
 * The real model: onnx-community/chatterbox-multilingual-ONNX at a pinned revision (the
 * tokenizer and graphs drifted against each other before, so the revision is part of the
 * source), with the files and byte sizes at that revision (reference §1.2).
 */
import { graphFile, type ModelVariant } from './contract.ts';

export const MODEL_REPO = 'onnx-community/chatterbox-multilingual-ONNX';
export const MODEL_REVISION = '452d3f434aa592098f1eedac9099f33642ab2da5';
export const MODEL_LICENSE = 'MIT (Resemble AI Chatterbox)';
export const HUB_BASE_URL = 'https://huggingface.co';

export interface ManifestFile {
  /** Path inside the model folder (and the repo). */
  path: string;
  bytes: number;
}

const SHARED_FILES: ManifestFile[] = [
  { path: 'onnx/speech_encoder.onnx', bytes: 1_184_608 },
  { path: 'onnx/speech_encoder.onnx_data', bytes: 591_274_880 },
  { path: 'onnx/embed_tokens.onnx', bytes: 13_286 },
  { path: 'onnx/embed_tokens.onnx_data', bytes: 68_390_912 },
  { path: 'onnx/conditional_decoder.onnx', bytes: 6_350_448 },
  { path: 'onnx/conditional_decoder.onnx_data', bytes: 533_970_816 },
  { path: 'tokenizer.json', bytes: 71_798 },
  { path: 'tokenizer_config.json', bytes: 244 },
  { path: 'Cangjie5_TC.json', bytes: 1_920_163 },
  { path: 'default_voice.wav', bytes: 714_320 },
];

const LANGUAGE_MODEL_BYTES: Record<ModelVariant, [graph: number, data: number]> = {
  fp32: [171_387, 2_080_632_832],
  fp16: [172_657, 1_040_316_416],
  q4: [227_911, 353_621_248],
  q4f16: [229_388, 304_737_408],
};

/** Every file a variant needs, with its size at the pinned revision. */
export function manifestFiles(variant: ModelVariant): ManifestFile[] {
  const graph = graphFile('language_model', variant);
  const [graphBytes, dataBytes] = LANGUAGE_MODEL_BYTES[variant];
  return [...SHARED_FILES, { path: graph, bytes: graphBytes }, { path: `${graph}_data`, bytes: dataBytes }];
}

export function fileUrl(path: string, baseUrl = HUB_BASE_URL, revision = MODEL_REVISION): string {
  return `${baseUrl}/${MODEL_REPO}/resolve/${revision}/${path}`;
}

/** Folder name of a downloaded revision inside the cache folder. */
export function cacheFolderName(revision = MODEL_REVISION): string {
  return `chatterbox-multilingual-ONNX@${revision.slice(0, 12)}`;
}

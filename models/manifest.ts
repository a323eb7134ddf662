/**
 * The real model: onnx-community/chatterbox-multilingual-ONNX at a pinned revision (the
 * tokenizer and graphs drifted against each other before, so the revision is part of the
 * source), with every file's size and SHA-256 at that revision. The SHA-256s are the hub's Git
 * LFS object ids (plain SHA-256 of the file); they come from ports that pinned the same
 * revision and agree with each other: ErdemGKSL/voice-me, crates/voice-me-deps/src/sources.rs
 * @434942f (13 files), and a second Rust port's pinned asset table with the same revision
 * (q4f16, default_voice.wav, Cangjie5_TC.json, tokenizer_config.json too).
 */
import { graphFile, type ModelVariant } from './contract.ts';

export const MODEL_REPO = 'onnx-community/chatterbox-multilingual-ONNX';
export const MODEL_REVISION = '452d3f434aa592098f1eedac9099f33642ab2da5';
const HUB_BASE_URL = 'https://huggingface.co';

export interface ManifestFile {
  /** Path inside the model folder (and the repo). */
  path: string;
  bytes: number;
  /** Hex SHA-256 of the file, where known. */
  sha256?: string;
}

const SHARED_FILES: ManifestFile[] = [
  { path: 'onnx/speech_encoder.onnx', bytes: 1_184_608, sha256: '8f1c8a0f89b77bf9cd5dd8f2e034eb2c79dc00fe70d41196b28c257643b00ccb' },
  { path: 'onnx/speech_encoder.onnx_data', bytes: 591_274_880, sha256: '92f8f290fc9720e169bc2412c507209e20b03f6564bc3243739e25c56f7dfb8f' },
  { path: 'onnx/embed_tokens.onnx', bytes: 13_286, sha256: 'f785819ca4f6271262d5bb8971d62796c3a909e3b031982c113dbe83a4c3b854' },
  { path: 'onnx/embed_tokens.onnx_data', bytes: 68_390_912, sha256: '2a15f7dd73b2ee47f6edf87740324011594b5a528ed6471ae55e327ed6cad68c' },
  { path: 'onnx/conditional_decoder.onnx', bytes: 6_350_448, sha256: '1656d0d31332bae1854839959a3139300ebb67c178651dfa3f8c5fbfa5351351' },
  { path: 'onnx/conditional_decoder.onnx_data', bytes: 533_970_816, sha256: '51d58345a272747665ec9d5bb61e01835258a940e321a288582ac4c18cf01b5a' },
  { path: 'tokenizer.json', bytes: 71_798, sha256: '29d48c4a178f6af3ad5130097c34744639e9294847b38a7b912c8c68027cb819' },
  { path: 'tokenizer_config.json', bytes: 244, sha256: 'b35967f93e30313d05fc9d520721ca9f671aaa5b3edbb03059aed3ff68b4c4c0' },
  { path: 'Cangjie5_TC.json', bytes: 1_920_163, sha256: '7073fd9de919443ae88e0bd2449917a65fe54898a4413ed1edcc4b67f28bce8c' },
  { path: 'default_voice.wav', bytes: 714_320, sha256: '3ebc531cdaba358a327099c1c4f0448026719957bcf4d8e9868767f227e02f4e' },
];

const LANGUAGE_MODEL_FILES: Record<ModelVariant, [graph: Omit<ManifestFile, 'path'>, data: Omit<ManifestFile, 'path'>]> = {
  fp32: [
    { bytes: 171_387, sha256: '861a34585605e8ad671051788afc495dcbeaee833a41523a1b33aded9c3babc7' },
    { bytes: 2_080_632_832, sha256: 'b3556d41085196c122b7197e4d44ec4475b6d7cfe0971a70faa95caa38ad787a' },
  ],
  fp16: [
    { bytes: 172_657, sha256: '0c36a5bbbc2a4ed8c345033896612cd320fd0971a0f5e6447ab4cdd2d7f22e36' },
    { bytes: 1_040_316_416, sha256: '16dca11ae994e78427fa3090cc6faf347a15988ca40809c1bd9f2721f3b759a0' },
  ],
  q4: [
    { bytes: 227_911, sha256: '7f8cdca83b2493536cbf3acf421199808a3d68736f55f4eabd20ef8a99da4313' },
    { bytes: 353_621_248, sha256: 'e79ab8784122a501718868b9631ff46e151c552d9b24e50f25d721f375e3526c' },
  ],
  q4f16: [
    { bytes: 229_388, sha256: '3b78e9235be5e2e2a811e482399155cb30415f6d87c98c21d12bf48843fc928f' },
    { bytes: 304_737_408, sha256: 'bdbc79504d20742b5d028074b4f1cdca8872e013fdfbbcea6b8b03154fe85a42' },
  ],
};

/** Every file a variant needs, with its size and SHA-256 at the pinned revision. */
export function manifestFiles(variant: ModelVariant): ManifestFile[] {
  const graph = graphFile('language_model', variant);
  const [graphFileInfo, dataFileInfo] = LANGUAGE_MODEL_FILES[variant];
  return [...SHARED_FILES, { path: graph, ...graphFileInfo }, { path: `${graph}_data`, ...dataFileInfo }];
}

function fileUrl(path: string, baseUrl = HUB_BASE_URL, revision = MODEL_REVISION): string {
  return `${baseUrl.replace(/\/+$/, '')}/${MODEL_REPO}/resolve/${revision}/${path}`;
}

/** Where files come from. */
export interface DownloadSource {
  /** Hub address (HF_ENDPOINT). @defaultValue https://huggingface.co */
  baseUrl?: string;
  /** Sent as a bearer token to the hub (HF_TOKEN), never to a mirror. */
  token?: string;
  /** A mirror holding the repo's files at `<mirrorUrl>/<path>` (CHATTERBOX_MODEL_BASE_URL); wins over the hub. */
  mirrorUrl?: string;
  /** @defaultValue MODEL_REVISION */
  revision?: string;
}

/** The URL a file is fetched from. */
export function sourceUrl(path: string, source: DownloadSource = {}): string {
  if (source.mirrorUrl) return `${source.mirrorUrl.replace(/\/+$/, '')}/${path}`;
  return fileUrl(path, source.baseUrl, source.revision ?? MODEL_REVISION);
}

/** Folder name of a downloaded revision inside the cache folder. */
export function cacheFolderName(revision = MODEL_REVISION): string {
  return `chatterbox-multilingual-ONNX@${revision.slice(0, 12)}`;
}

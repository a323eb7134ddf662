/**
 * Turns a model setting (CHATTERBOX_MODEL) into a ready folder:
 * - 'tiny' | 'tiny-slow': the stand-in model, generated into the cache once (offline, fast);
 * - 'q4' | 'q4f16' | 'fp16' | 'fp32': the real model at the pinned revision, downloaded into
 *   the cache when allowed, else ModelFilesMissingError naming what to place by hand;
 * - an absolute folder path: used as it is (variant: the first language model found).
 */
import { access, readFile } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { MODEL_VARIANTS, TINY_DEFAULT_VARIANT, TINY_MARKER_FILE, graphFile, type ModelVariant } from './contract.ts';
import { downloadModel, missingFiles, type DownloadProgress } from './download.ts';
import { cacheFolderName, manifestFiles, type DownloadSource } from './manifest.ts';
import { ModelFilesMissingError } from './model-files-error.ts';
import { prepareSeededDecoder } from './prepare-decoder.ts';
import { TINY_GENERATOR_VERSION, generateTinyModel, type TinyModelName } from './tiny/generate.ts';

export interface ResolveOptions {
  /** 'tiny' | 'tiny-slow' | 'q4' | 'q4f16' | 'fp16' | 'fp32' | an absolute folder path. */
  model: string;
  /** Where tiny models are generated and real ones downloaded. */
  cacheDir: string;
  /** Fetch missing real-model files from the hub. @defaultValue false */
  allowDownload?: boolean;
  onProgress?: (progress: DownloadProgress) => void;
  /** Hub, token and mirror to download from (tests point it at a loopback server). */
  source?: DownloadSource;
}

export interface ResolvedModel {
  dir: string;
  /** 'tiny', 'tiny-slow', 'chatterbox-multilingual-onnx' or the folder's name. */
  name: string;
  variant: ModelVariant;
}

/** Preference when a folder holds several language models: smallest that runs well on CPU first. */
const FOLDER_VARIANT_ORDER: readonly ModelVariant[] = ['q4', 'q4f16', 'fp16', 'fp32'];

/**
 * Resolves the model and prepares it: the decoder copy whose noise follows the job's seed is
 * written once next to the original (prepare-decoder.ts). A decoder that cannot be prepared is
 * left to the engine and models:verify, which say why.
 */
export async function resolveModel(options: ResolveOptions): Promise<ResolvedModel> {
  const model = await locateModel(options);
  await prepareSeededDecoder(model.dir).catch(() => undefined);
  return model;
}

async function locateModel(options: ResolveOptions): Promise<ResolvedModel> {
  const { model, cacheDir } = options;
  if (model === 'tiny' || model === 'tiny-slow') return resolveTiny(model, cacheDir);
  if ((MODEL_VARIANTS as readonly string[]).includes(model)) return resolveReal(model as ModelVariant, options);
  if (isAbsolute(model)) return resolveFolder(model);
  throw new Error(`Unknown model '${model}': use tiny, tiny-slow, ${MODEL_VARIANTS.join(', ')} or an absolute folder path.`);
}

async function resolveTiny(name: TinyModelName, cacheDir: string): Promise<ResolvedModel> {
  const dir = join(cacheDir, name);
  const marker = await readFile(join(dir, TINY_MARKER_FILE), 'utf8').catch(() => undefined);
  const current = marker !== undefined && (JSON.parse(marker) as { version?: number }).version === TINY_GENERATOR_VERSION;
  if (!current) await generateTinyModel(dir, name);
  // Float16 KV cache (like the real q4f16 export): half the bytes to copy per step, so tests run faster.
  return { dir, name, variant: TINY_DEFAULT_VARIANT };
}

async function resolveReal(variant: ModelVariant, options: ResolveOptions): Promise<ResolvedModel> {
  const dir = join(options.cacheDir, cacheFolderName());
  const missing = await missingFiles(dir, manifestFiles(variant));
  if (missing.length > 0) {
    if (!options.allowDownload) {
      throw new ModelFilesMissingError(dir, missing, 'Model download is disabled.', options.source);
    }
    await downloadModel({ dir, variant, ...options.source, onProgress: options.onProgress });
  }
  return { dir, name: 'chatterbox-multilingual-onnx', variant };
}

async function resolveFolder(dir: string): Promise<ResolvedModel> {
  for (const variant of FOLDER_VARIANT_ORDER) {
    if (await exists(join(dir, graphFile('language_model', variant)))) return { dir, name: basename(dir), variant };
  }
  throw new Error(`${dir} holds no language model (expected one of ${FOLDER_VARIANT_ORDER.map((v) => graphFile('language_model', v)).join(', ')}).`);
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

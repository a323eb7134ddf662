/**
 * Pinned-revision download of the real model into a folder: resumable (a `.part` file is
 * continued with an HTTP Range request), size-checked against the manifest, and reported
 * through a progress callback. Offline or failing downloads end in ModelFilesMissingError,
 * which lists what is missing and how to place it by hand.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ModelVariant } from './contract.ts';
import { fileUrl, manifestFiles, MODEL_REVISION, type ManifestFile } from './manifest.ts';
import { ModelFilesMissingError } from './model-files-error.ts';

export interface DownloadProgress {
  file: string;
  /** Bytes of all needed files present so far, and their total. */
  bytes: number;
  totalBytes: number;
}

export interface DownloadOptions {
  dir: string;
  variant: ModelVariant;
  /** @defaultValue https://huggingface.co */
  baseUrl?: string;
  /** @defaultValue MODEL_REVISION */
  revision?: string;
  onProgress?: (progress: DownloadProgress) => void;
  /** Files to fetch. @defaultValue manifestFiles(variant) */
  files?: readonly ManifestFile[];
}

const PARTIAL_SUFFIX = '.part';
const HTTP_PARTIAL_CONTENT = 206;

/** Manifest files absent from `dir` or with the wrong size. */
export async function missingFiles(dir: string, files: readonly ManifestFile[]): Promise<ManifestFile[]> {
  const missing: ManifestFile[] = [];
  for (const file of files) {
    if ((await sizeOf(join(dir, file.path))) !== file.bytes) missing.push(file);
  }
  return missing;
}

export async function downloadModel(options: DownloadOptions): Promise<void> {
  const files = options.files ?? manifestFiles(options.variant);
  const totalBytes = files.reduce((sum, f) => sum + f.bytes, 0);
  const missing = await missingFiles(options.dir, files);
  let done = totalBytes - missing.reduce((sum, f) => sum + f.bytes, 0);
  for (const [index, file] of missing.entries()) {
    try {
      await downloadFile(file, options, (bytes) => options.onProgress?.({ file: file.path, bytes: done + bytes, totalBytes }));
    } catch (error) {
      const reason = `Downloading ${file.path} failed: ${describe(error)}.`;
      throw new ModelFilesMissingError(options.dir, missing.slice(index), reason, options.baseUrl);
    }
    done += file.bytes;
  }
}

async function downloadFile(file: ManifestFile, options: DownloadOptions, onBytes: (bytes: number) => void): Promise<void> {
  const target = join(options.dir, file.path);
  const partial = target + PARTIAL_SUFFIX;
  await mkdir(dirname(target), { recursive: true });
  let have = (await sizeOf(partial)) ?? 0;
  if (have > file.bytes) {
    await rm(partial);
    have = 0;
  }
  if (have < file.bytes) {
    const response = await fetch(fileUrl(file.path, options.baseUrl, options.revision ?? MODEL_REVISION), {
      headers: have > 0 ? { Range: `bytes=${have}-` } : {},
    });
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    // A server that ignores Range sends the whole file: start over.
    const resumed = response.status === HTTP_PARTIAL_CONTENT;
    let received = resumed ? have : 0;
    const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
    body.on('data', (chunk: Buffer) => onBytes((received += chunk.length)));
    await pipeline(body, createWriteStream(partial, { flags: resumed ? 'a' : 'w' }));
  }
  const size = await sizeOf(partial);
  if (size !== file.bytes) {
    if ((size ?? 0) > file.bytes) await rm(partial, { force: true });
    throw new Error(`got ${size ?? 0} bytes, expected ${file.bytes}`);
  }
  await rename(partial, target);
}

async function sizeOf(path: string): Promise<number | undefined> {
  return stat(path).then(
    (s) => s.size,
    () => undefined,
  );
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

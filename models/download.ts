/**
 * Pinned-revision download of the real model into a folder: resumable (a `.part` file is
 * continued with an HTTP Range request; one the server answers with 416 is started over),
 * checked against the manifest's size and SHA-256, and reported through a progress callback.
 * Sources: a mirror (`<mirror>/<path>`) when given, else the hub (`<hub>/<repo>/resolve/<rev>/<path>`,
 * HF_ENDPOINT's convention) with an optional token. A file already in place (downloaded earlier
 * or copied by hand) is accepted when its size and hash match; verify-cache.ts remembers the
 * hash so big files are hashed once. Failures end in ModelFilesMissingError, which lists what is
 * missing and how to place it by hand.
 *
 * Our own code rather than @huggingface/hub: its downloadFile hands back a Blob with no resume
 * to a file, and downloadFileToCacheDir writes the hub's blobs/snapshots cache layout, while the
 * engine wants the repo's own layout in one folder and the hashes checked before a file is used.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ModelVariant } from './contract.ts';
import { manifestFiles, sourceUrl, type DownloadSource, type ManifestFile } from './manifest.ts';
import { ModelFilesMissingError } from './model-files-error.ts';
import { rememberVerified, verifiedBefore } from './verify-cache.ts';

export interface DownloadProgress {
  file: string;
  /** Bytes of all needed files present so far, and their total. */
  bytes: number;
  totalBytes: number;
}

export interface DownloadOptions extends DownloadSource {
  dir: string;
  variant: ModelVariant;
  onProgress?: (progress: DownloadProgress) => void;
  /** Files to fetch. @defaultValue manifestFiles(variant) */
  files?: readonly ManifestFile[];
}

const PARTIAL_SUFFIX = '.part';
const HTTP_PARTIAL_CONTENT = 206;
const HTTP_RANGE_NOT_SATISFIABLE = 416;

/** Manifest files absent from `dir`, or present with the wrong size or hash (hashes remembered once checked). */
export async function missingFiles(dir: string, files: readonly ManifestFile[]): Promise<ManifestFile[]> {
  const missing: ManifestFile[] = [];
  for (const file of files) if (!(await isInPlace(dir, file))) missing.push(file);
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
      throw new ModelFilesMissingError(options.dir, missing.slice(index), reason, options);
    }
    done += file.bytes;
  }
}

async function isInPlace(dir: string, file: ManifestFile): Promise<boolean> {
  const path = join(dir, file.path);
  const size = await sizeOf(path);
  if (size !== file.bytes) return false;
  if (!file.sha256 || (await verifiedBefore(dir, file.path, file.sha256))) return true;
  if ((await sha256Of(path)) !== file.sha256) return false;
  await rememberVerified(dir, file.path, file.sha256);
  return true;
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
  if (have < file.bytes) await fetchInto(partial, file, options, have, onBytes);
  const size = await sizeOf(partial);
  if (size !== file.bytes) {
    if ((size ?? 0) > file.bytes) await rm(partial, { force: true });
    throw new Error(`got ${size ?? 0} bytes, expected ${file.bytes}`);
  }
  if (file.sha256) {
    const actual = await sha256Of(partial);
    if (actual !== file.sha256) {
      await rm(partial, { force: true });
      throw new Error(`SHA-256 ${actual} does not match the pinned ${file.sha256}`);
    }
  }
  await rename(partial, target);
  if (file.sha256) await rememberVerified(options.dir, file.path, file.sha256);
}

/** Appends to (or restarts) the `.part` file; a Range past what the server has (416) means the `.part` is stale: start over once. */
async function fetchInto(partial: string, file: ManifestFile, options: DownloadOptions, have: number, onBytes: (bytes: number) => void): Promise<void> {
  let response = await request(file.path, options, have);
  if (response.status === HTTP_RANGE_NOT_SATISFIABLE && have > 0) {
    await response.body?.cancel();
    await rm(partial, { force: true });
    have = 0;
    response = await request(file.path, options, 0);
  }
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} ${response.statusText}`);
  // A server that ignores Range sends the whole file: start over.
  const resumed = have > 0 && response.status === HTTP_PARTIAL_CONTENT;
  let received = resumed ? have : 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onBytes((received += chunk.length));
      callback(null, chunk);
    },
  });
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  await pipeline(body, counter, createWriteStream(partial, { flags: resumed ? 'a' : 'w' }));
}

function request(path: string, source: DownloadSource, from: number): Promise<Response> {
  const headers: Record<string, string> = {};
  if (from > 0) headers.Range = `bytes=${from}-`;
  if (source.token && !source.mirrorUrl) headers.Authorization = `Bearer ${source.token}`;
  return fetch(sourceUrl(path, source), { headers, redirect: 'follow' });
}

export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
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

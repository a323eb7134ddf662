/**
 * File checks of a model folder for models:verify: every expected file present with its size
 * and SHA-256, and every external-data sidecar a graph references complete. Expected files come
 * from the tiny model's marker (a generated folder) or the pinned manifest (the real model).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GRAPH_NAMES, graphFile, type ModelVariant } from './contract.ts';
import { sha256Of } from './download.ts';
import { manifestFiles, type ManifestFile } from './manifest.ts';
import { externalDataProblems } from './onnx/onnx-reader.ts';
import { TINY_MARKER_FILE } from './contract.ts';
import type { TinyMarker } from './tiny/generate.ts';
import { rememberVerified, verifiedBefore } from './verify-cache.ts';

type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface Check {
  name: string;
  status: CheckStatus;
  detail: string;
}

/** The files a folder should hold: the tiny marker's list, else the pinned manifest of `variant`. */
async function expectedFiles(dir: string, variant: ModelVariant): Promise<{ source: string; files: ManifestFile[] }> {
  const marker = await readFile(join(dir, TINY_MARKER_FILE), 'utf8').catch(() => undefined);
  if (marker === undefined) return { source: 'pinned manifest', files: manifestFiles(variant) };
  const files = (JSON.parse(marker) as TinyMarker).files.filter((f) => f.path !== TINY_MARKER_FILE);
  return { source: 'tiny model marker', files };
}

export async function checkFiles(dir: string, variant: ModelVariant, options: { hashes: boolean }): Promise<Check[]> {
  const { source, files } = await expectedFiles(dir, variant);
  const checks: Check[] = [];
  let good = 0;
  for (const file of files) {
    const size = await stat(join(dir, file.path)).then(
      (s) => s.size,
      () => undefined,
    );
    if (size === undefined) checks.push({ name: 'files', status: 'fail', detail: `${file.path} is missing` });
    else if (size !== file.bytes) checks.push({ name: 'files', status: 'fail', detail: `${file.path} has ${size} bytes, expected ${file.bytes}` });
    else if (options.hashes && file.sha256 && !(await hashMatches(dir, file))) checks.push({ name: 'hashes', status: 'fail', detail: `${file.path} does not have the SHA-256 ${file.sha256}` });
    else good++;
  }
  const what = options.hashes ? 'sizes and SHA-256' : 'sizes (hashes not checked)';
  if (good === files.length) checks.unshift({ name: 'files', status: 'pass', detail: `${files.length} files present, ${what} as in the ${source}` });
  return checks;
}

/** Every graph of the variant: its `.onnx_data` present and long enough. */
export async function checkSidecars(dir: string, variant: ModelVariant): Promise<Check[]> {
  const checks: Check[] = [];
  for (const graph of GRAPH_NAMES) {
    const path = join(dir, graphFile(graph, variant));
    const problems = await externalDataProblems(path).catch((error: unknown) => [`${graphFile(graph, variant)} cannot be read (${(error as Error).message})`]);
    for (const problem of problems) checks.push({ name: 'sidecars', status: 'fail', detail: problem });
  }
  if (checks.length === 0) checks.push({ name: 'sidecars', status: 'pass', detail: 'every external-data file the graphs reference is complete' });
  return checks;
}

async function hashMatches(dir: string, file: ManifestFile): Promise<boolean> {
  if (await verifiedBefore(dir, file.path, file.sha256!)) return true;
  if ((await sha256Of(join(dir, file.path))) !== file.sha256) return false;
  await rememberVerified(dir, file.path, file.sha256!);
  return true;
}

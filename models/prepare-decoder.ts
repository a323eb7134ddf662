/**
 * Model preparation: the conditional decoder draws its own noise, so a prepared copy with a
 * `noise_seed` input (models/onnx/seeded-noise.ts) is written next to the original, which stays
 * untouched. The copy's name carries a hash of the original, so a changed original gets a new
 * copy; it keeps the original's external-data references (same folder, same sidecar name).
 * Writing is atomic (temp file + rename), so several workers preparing at once are safe.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema } from 'onnx-buf';
import { graphFile, seededDecoderFile } from './contract.ts';
import { seedRandomOps } from './onnx/seeded-noise.ts';

export interface PreparedDecoder {
  /** The graph file to load. */
  path: string;
  /** True when the same seed gives the same audio: the noise is seeded, or the graph draws none. */
  reproducible: boolean;
  /** Why the audio is not reproducible (the decoder's own noise varies run to run). */
  reason?: string;
}

export async function prepareSeededDecoder(dir: string): Promise<PreparedDecoder> {
  const original = join(dir, graphFile('conditional_decoder', 'fp32'));
  const bytes = new Uint8Array(await readFile(original));
  const target = join(dir, seededDecoderFile(createHash('sha256').update(bytes).digest('hex')));
  if (await exists(target)) return { path: target, reproducible: true };
  const model = fromBinary(ModelProtoSchema, bytes);
  const outcome = seedRandomOps(model);
  if (outcome.kind === 'unchanged') return { path: original, reproducible: true };
  if (outcome.kind === 'unsupported') return { path: original, reproducible: false, reason: outcome.reason };
  try {
    await writeAtomically(target, toBinary(ModelProtoSchema, model));
  } catch (error) {
    const reason = `cannot write the prepared decoder next to the original (${(error as Error).message})`;
    return { path: original, reproducible: false, reason };
  }
  await removeStaleCopies(original, target);
  return { path: target, reproducible: true };
}

async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, bytes);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function removeStaleCopies(original: string, current: string): Promise<void> {
  const stem = basename(original).replace(/\.onnx$/, '.seeded-');
  for (const name of await readdir(dirname(original))) {
    const path = join(dirname(original), name);
    if (name.startsWith(stem) && name.endsWith('.onnx') && path !== current) await rm(path, { force: true });
  }
}

function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

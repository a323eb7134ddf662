/**
 * Files that are either complete or absent: data goes to a hidden temp file in the target
 * folder (same file system, so rename is atomic), is fsynced, renamed into place, and the
 * folder is fsynced so the rename itself survives a power cut. Readers never see a prefix.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temp files start with this; they are invisible to listings and removed at start-up. */
export const TEMP_PREFIX = '.tmp-';
const TEMP_SUFFIX_BYTES = 6;

export async function writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
  const tempPath = join(dirname(path), `${TEMP_PREFIX}${randomBytes(TEMP_SUFFIX_BYTES).toString('hex')}-${basename(path)}`);
  const handle = await open(tempPath, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(tempPath, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(tempPath, path);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

/** fsync on a directory is not supported everywhere (e.g. some network file systems); that is not fatal. */
async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: the data file itself is already durable.
  } finally {
    await handle?.close();
  }
}

export async function removeFile(path: string): Promise<void> {
  await rm(path, { force: true });
}

/** Deletes temp files a crash left behind; returns how many. */
export async function removeStaleTempFiles(dir: string): Promise<number> {
  const names = await readdir(dir);
  const stale = names.filter((name) => name.startsWith(TEMP_PREFIX));
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
  return stale.length;
}

/**
 * Remembers which files of a model folder were found to have their pinned SHA-256, keyed by
 * size and modification time, so a multi-gigabyte file is hashed once, not at every start.
 * A file changed since (new size or mtime) is hashed again.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const VERIFIED_FILE = '.verified.json';

type Record_ = Record<string, { sha256: string; bytes: number; mtimeMs: number }>;

export async function verifiedBefore(dir: string, path: string, sha256: string): Promise<boolean> {
  const entry = (await readRecord(dir))[path];
  if (!entry || entry.sha256 !== sha256) return false;
  const info = await stat(join(dir, path)).catch(() => undefined);
  return info !== undefined && info.size === entry.bytes && info.mtimeMs === entry.mtimeMs;
}

export async function rememberVerified(dir: string, path: string, sha256: string): Promise<void> {
  const info = await stat(join(dir, path));
  const record = { ...(await readRecord(dir)), [path]: { sha256, bytes: info.size, mtimeMs: info.mtimeMs } };
  const temp = join(dir, `${VERIFIED_FILE}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, JSON.stringify(record, null, 2));
    await rename(temp, join(dir, VERIFIED_FILE));
  } catch {
    // A read-only folder: the file is still verified, just hashed again next time.
    await rm(temp, { force: true });
  }
}

async function readRecord(dir: string): Promise<Record_> {
  const text = await readFile(join(dir, VERIFIED_FILE), 'utf8').catch(() => '{}');
  try {
    return JSON.parse(text) as Record_;
  } catch {
    return {};
  }
}

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { removeFile } from '../storage/atomic-file.ts';

/** Audio files of a job are `<id>.<ext>` (one per format it was produced or transcoded in). */
export function audioPath(audioDir: string, jobId: string, extension: string): string {
  return join(audioDir, `${jobId}.${extension}`);
}

export async function removeJobFiles(audioDir: string, jobId: string): Promise<void> {
  const names = await readdir(audioDir);
  await Promise.all(names.filter((name) => name.startsWith(`${jobId}.`)).map((name) => removeFile(join(audioDir, name))));
}

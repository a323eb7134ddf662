import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Where everything lives inside CHATTERBOX_DATA_DIR; README's data-dir section mirrors this. */
export interface DataDirLayout {
  root: string;
  /** Job records, texts, tombstones, idempotency keys, voice records (keyv over SQLite). */
  database: string;
  /** Finished audio: `<job id>.<ext>`. */
  audio: string;
  /** Reference clips `<voice id>.<ext>` and their cached conditioning `<voice id>.cond`. */
  voices: string;
}

export function dataDirLayout(root: string): DataDirLayout {
  return {
    root,
    database: join(root, 'jobs.sqlite'),
    audio: join(root, 'audio'),
    voices: join(root, 'voices'),
  };
}

export async function ensureDataDir(layout: DataDirLayout): Promise<void> {
  await mkdir(layout.audio, { recursive: true });
  await mkdir(layout.voices, { recursive: true });
}

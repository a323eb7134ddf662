/**
 * Start-up repair after an unclean stop: jobs that were QUEUED or PROCESSING run again
 * (oldest first), and files no record points to (a crash between writing a file and its
 * record, or between deleting a record and its files) are removed. Temp files from
 * interrupted writes go too.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { removeFile, removeStaleTempFiles } from '../storage/atomic-file.ts';
import type { JobStore } from '../storage/job-store.ts';
import type { JobRecord } from '../shared/job.ts';
import type { Logger } from '../shared/logger.ts';
import { toRequeued } from './job-state.ts';
import type { JobQueue } from './queue/job-queue.ts';

export interface RecoveryOptions {
  store: JobStore;
  queue: JobQueue;
  logger: Logger;
  audioDir: string;
  voicesDir: string;
}

export interface RecoveryResult {
  requeued: number;
  orphanFiles: number;
  tempFiles: number;
}

export async function recoverJobs(records: JobRecord[], options: RecoveryOptions): Promise<RecoveryResult> {
  const active = records
    .filter((record) => record.status === 'QUEUED' || record.status === 'PROCESSING')
    .sort((a, b) => a.createdAt - b.createdAt);
  for (const record of active) {
    // The attempt count stays: a job that keeps killing the server is failed by the runner.
    if (record.status === 'PROCESSING') await options.store.update(toRequeued(record));
    await options.queue.enqueue(record.id);
  }
  const tempFiles = (await removeStaleTempFiles(options.audioDir)) + (await removeStaleTempFiles(options.voicesDir));
  const orphanFiles = await removeOrphanAudio(records, options.audioDir);
  const result = { requeued: active.length, orphanFiles, tempFiles };
  if (active.length + orphanFiles + tempFiles > 0) options.logger.info(result, 'recovered from an unclean stop');
  return result;
}

async function removeOrphanAudio(records: JobRecord[], audioDir: string): Promise<number> {
  const known = new Set(records.map((record) => record.id));
  const orphans = (await readdir(audioDir)).filter((name) => !known.has(name.slice(0, name.indexOf('.'))));
  await Promise.all(orphans.map((name) => removeFile(join(audioDir, name))));
  return orphans.length;
}

/**
 * Start-up repair after an unclean stop, by a process that serves the API:
 *  - QUEUED jobs go into the queue again (a crash between storing a job and queueing it; a
 *    lost in-memory or Redis queue), oldest first; the queue ignores ids it already holds;
 *  - PROCESSING jobs that no queue holds any more run again (their attempt stays counted, so
 *    a job that keeps killing the server ends FAILED); a job a live worker of the deployment
 *    holds is left alone;
 *  - temp files of interrupted writes and audio without a record are removed. With other
 *    processes at work (a shared queue) only files older than `minFileAgeMs` go: a younger
 *    one may be a worker's write in progress.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { removeFile, TEMP_PREFIX } from '../storage/atomic-file.ts';
import type { JobStore } from '../storage/job-store.ts';
import type { Clock } from '../shared/clock.ts';
import type { JobRecord } from '../shared/job.ts';
import type { Logger } from '../shared/logger.ts';
import { toRequeued } from './job-state.ts';
import type { KeyedMutex } from './keyed-mutex.ts';
import type { JobQueue } from './queue/job-queue.ts';

export interface RecoveryOptions {
  store: JobStore;
  queue: Pick<JobQueue, 'enqueue' | 'has'>;
  lock: KeyedMutex;
  clock: Clock;
  logger: Logger;
  audioDir: string;
  voicesDir: string;
  /** Files younger than this may belong to a job in progress elsewhere; 0: no other process writes here. */
  minFileAgeMs: number;
}

export interface RecoveryResult {
  /** QUEUED jobs the queue did not hold. */
  enqueued: number;
  /** PROCESSING jobs no worker holds, QUEUED again. */
  requeued: number;
  orphanFiles: number;
  tempFiles: number;
}

export async function recoverJobs(records: readonly JobRecord[], options: RecoveryOptions): Promise<RecoveryResult> {
  const active = records.filter((record) => record.status === 'QUEUED' || record.status === 'PROCESSING').sort((a, b) => a.createdAt - b.createdAt);
  let enqueued = 0;
  let requeued = 0;
  for (const record of active) {
    if (record.status === 'QUEUED') {
      if (!(await options.queue.has(record.id))) enqueued += 1;
      await options.queue.enqueue(record.id);
    } else if (await requeueIfOrphaned(record.id, options)) {
      requeued += 1;
    }
  }
  const isOld = oldFileTest(options);
  const isTemp = async (name: string): Promise<boolean> => name.startsWith(TEMP_PREFIX);
  const tempFiles = (await removeFiles(options.audioDir, isOld, isTemp)) + (await removeFiles(options.voicesDir, isOld, isTemp));
  const known = new Set(records.map((record) => record.id));
  const orphanFiles = await removeFiles(options.audioDir, isOld, async (name) => {
    const id = name.slice(0, name.indexOf('.'));
    // Not in the snapshot: ask the store again, the job may have been created since.
    return id !== '' && !known.has(id) && (await options.store.get(id)) === undefined;
  });
  const result = { enqueued, requeued, orphanFiles, tempFiles };
  if (enqueued + requeued + orphanFiles + tempFiles > 0) options.logger.info(result, 'recovered from an unclean stop');
  return result;
}

/** Checked again under the job's lock: a worker may have finished it since `records` was read. */
async function requeueIfOrphaned(jobId: string, options: RecoveryOptions): Promise<boolean> {
  return options.lock.run(jobId, async () => {
    const record = await options.store.get(jobId);
    if (record?.status !== 'PROCESSING' || (await options.queue.has(jobId))) return false;
    await options.store.update(toRequeued(record));
    await options.queue.enqueue(jobId);
    return true;
  });
}

function oldFileTest({ clock, minFileAgeMs }: RecoveryOptions): (modifiedMs: number) => boolean {
  const cutoff = clock.now() - minFileAgeMs;
  return (modifiedMs) => minFileAgeMs === 0 || modifiedMs <= cutoff;
}

async function removeFiles(dir: string, isOld: (modifiedMs: number) => boolean, isUnwanted: (name: string) => Promise<boolean>): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || !info.isFile() || !isOld(info.mtimeMs) || !(await isUnwanted(name))) continue;
    await removeFile(path);
    removed += 1;
  }
  return removed;
}

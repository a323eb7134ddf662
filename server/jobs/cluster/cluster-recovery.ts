/**
 * Start-up repair of an API process in a deployment. Unlike a single process, it must not
 * touch work that other processes are doing: BullMQ already redelivers the jobs of dead
 * workers, and files being written right now by a worker are young. So it only
 *  - enqueues QUEUED jobs again (a crash between storing a job and queueing it; a Redis
 *    that lost its data) — the queue ignores ids it already holds;
 *  - requeues PROCESSING jobs the queue no longer knows (Redis data loss);
 *  - removes temp files and audio without a record once they are older than `minFileAgeMs`.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { removeFile, TEMP_PREFIX } from '../../storage/atomic-file.ts';
import type { JobStore } from '../../storage/job-store.ts';
import type { Clock } from '../../shared/clock.ts';
import type { JobRecord } from '../../shared/job.ts';
import type { Logger } from '../../shared/logger.ts';
import { toRequeued } from '../job-state.ts';
import type { KeyedMutex } from '../keyed-mutex.ts';

/** What recovery needs from the shared queue. */
export interface ClusterQueue {
  enqueue(jobId: string): Promise<void>;
  /** Waiting or running somewhere. */
  has(jobId: string): Promise<boolean>;
}

export interface ClusterRecoveryOptions {
  store: JobStore;
  queue: ClusterQueue;
  lock: KeyedMutex;
  clock: Clock;
  logger: Logger;
  audioDir: string;
  voicesDir: string;
  /** Files younger than this may belong to a job in progress elsewhere. @defaultValue 1 hour */
  minFileAgeMs?: number;
}

export interface ClusterRecoveryResult {
  enqueued: number;
  requeued: number;
  orphanFiles: number;
  tempFiles: number;
}

const HOUR_MS = 3600 * 1000;

export async function recoverClusterJobs(records: readonly JobRecord[], options: ClusterRecoveryOptions): Promise<ClusterRecoveryResult> {
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
  const cutoff = options.clock.now() - (options.minFileAgeMs ?? HOUR_MS);
  const tempFiles = (await removeOldFiles(options.audioDir, cutoff, async (name) => name.startsWith(TEMP_PREFIX))) +
    (await removeOldFiles(options.voicesDir, cutoff, async (name) => name.startsWith(TEMP_PREFIX)));
  const known = new Set(records.map((record) => record.id));
  const orphanFiles = await removeOldFiles(options.audioDir, cutoff, async (name) => {
    const id = name.slice(0, name.indexOf('.'));
    // Not in the snapshot: ask the store again, the job may have been created since.
    return id !== '' && !known.has(id) && (await options.store.get(id)) === undefined;
  });
  const result = { enqueued, requeued, orphanFiles, tempFiles };
  if (enqueued + requeued + orphanFiles + tempFiles > 0) options.logger.info(result, 'repaired the shared job state');
  return result;
}

/** Checked again under the job's lock: a worker may have finished it since `records` was read. */
async function requeueIfOrphaned(jobId: string, options: ClusterRecoveryOptions): Promise<boolean> {
  return options.lock.run(jobId, async () => {
    const record = await options.store.get(jobId);
    if (record?.status !== 'PROCESSING' || (await options.queue.has(jobId))) return false;
    await options.store.update(toRequeued(record));
    await options.queue.enqueue(jobId);
    return true;
  });
}

async function removeOldFiles(dir: string, cutoff: number, isUnwanted: (name: string) => Promise<boolean>): Promise<number> {
  let removed = 0;
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || !info.isFile() || info.mtimeMs > cutoff || !(await isUnwanted(name))) continue;
    await removeFile(path);
    removed += 1;
  }
  return removed;
}

/**
 * Listening to a job while it runs: its chunks, encoded in the requested format as they
 * arrive, for GET /tts/audio/:id?stream=1 and POST /v1/audio/speech. A job started for one
 * streaming client is cancelled when that client leaves and nobody else is listening.
 */
import { createStreamEncoder } from '../../audio/encoders/formats.ts';
import { SAMPLE_RATE_HZ } from '../../shared/audio-constants.ts';
import type { AudioFormat } from '../../shared/audio-format.ts';
import { AppError } from '../../shared/errors/app-error.ts';
import { ConflictError } from '../../shared/errors/conflict-error.ts';
import type { JobRecord, JobStatus } from '../../shared/job.ts';
import type { Logger } from '../../shared/logger.ts';
import type { ChunkJournal, ChunkReader } from './chunk-journal.ts';

/** What live audio needs from the job service. */
export interface LiveJobs {
  get(id: string): Promise<JobRecord>;
  cancel(id: string): Promise<JobRecord>;
}

export type LiveAudio =
  /** Already COMPLETE: serve the stored file instead. */
  | { kind: 'finished'; record: JobRecord }
  | { kind: 'live'; record: JobRecord; reader: ChunkReader };

/** Counts what was streamed (usage in speech.audio.done). */
export interface StreamStats {
  samples: number;
  chunks: number;
}

export class LiveAudioService {
  constructor(
    private readonly jobs: LiveJobs,
    private readonly journal: ChunkJournal,
    private readonly logger: Logger,
  ) {}

  /** Attaches to a job; 409 when it failed or was cancelled, 404/410 as for its status. */
  async open(jobId: string): Promise<LiveAudio> {
    // Attach first: a chunk produced while the record is read is then not missed.
    const reader = this.journal.attach(jobId);
    try {
      const record = await this.jobs.get(jobId);
      if (record.status === 'COMPLETE') {
        reader.close();
        return { kind: 'finished', record };
      }
      if (record.status === 'FAILED' || record.status === 'CANCELLED') throw endedError(record);
      if ((record.progress?.chunksDone ?? 0) > reader.received) {
        // This process did not see the job's first chunks (it started after them): a stream
        // from here would silently lack the beginning.
        throw new ConflictError(`Job ${jobId} started before this server process could record its audio; download it when COMPLETE.`, { code: 'stream_unavailable' });
      }
      return { kind: 'live', record, reader };
    } catch (error) {
      reader.close();
      throw error;
    }
  }

  /**
   * Encoded bytes of the job's audio in `format`, as each chunk is synthesized. Ends after
   * the codec's tail once the job is COMPLETE; throws when it ends any other way.
   */
  async *encode(jobId: string, reader: ChunkReader, format: AudioFormat, stats: StreamStats): AsyncGenerator<Uint8Array> {
    const encoder = createStreamEncoder(format);
    try {
      for await (const chunk of reader) {
        if (chunk.sampleRate !== SAMPLE_RATE_HZ) throw new Error(`chunk at ${chunk.sampleRate} Hz; encoders take ${SAMPLE_RATE_HZ} Hz`);
        stats.samples += chunk.samples.length;
        stats.chunks += 1;
        const bytes = await encoder.push(chunk.samples);
        if (bytes.length > 0) yield bytes;
      }
      if (reader.closedByListener) return;
      if (reader.finalStatus !== 'COMPLETE') throw await this.endError(jobId, reader.finalStatus);
      const tail = await encoder.end();
      if (tail.length > 0) yield tail;
    } finally {
      encoder.abort();
      reader.close();
    }
  }

  /**
   * The client went away. With `cancelIfAlone` (the job exists only for this client) the job
   * is cancelled when no other client listens to it, so nobody waits for it and it stops using
   * the worker.
   */
  async leave(jobId: string, reader: ChunkReader, cancelIfAlone: boolean): Promise<boolean> {
    reader.close();
    if (!cancelIfAlone || this.journal.readers(jobId) > 0) return false;
    try {
      await this.jobs.cancel(jobId);
      this.logger.info({ jobId }, 'client disconnected; cancelled the job it alone was waiting for');
      return true;
    } catch (error) {
      // Finished meanwhile (409) or deleted (410): nothing left to stop.
      if (error instanceof AppError && error.status < 500) return false;
      throw error;
    }
  }

  private async endError(jobId: string, status: JobStatus | null): Promise<AppError> {
    if (status === null) return new AppError('The server is shutting down; the stream ended early.', { code: 'server_stopping', status: 503 });
    try {
      return endedError(await this.jobs.get(jobId));
    } catch (error) {
      return error instanceof AppError ? error : new AppError('The job ended before its audio was complete.', { code: 'stream_failed', status: 500 });
    }
  }
}

function endedError(record: JobRecord): AppError {
  if (record.status === 'FAILED') {
    return new ConflictError(`Job ${record.id} failed: ${record.error?.message ?? 'unknown reason'}`, { code: 'job_failed' });
  }
  return new ConflictError(`Job ${record.id} was cancelled.`, { code: 'job_cancelled' });
}

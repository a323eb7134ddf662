/**
 * The job use cases: submit, read, list, cancel, delete, expire. Routes call these and
 * nothing else; every state change goes through the per-job lock and the state machine.
 */
import { createHash, randomInt } from 'node:crypto';
import type { ConvertAudio } from '../audio/conversion/conversion-pool.ts';
import type { JobListQuery, JobPage, JobStore } from '../storage/job-store.ts';
import type { AudioFormat } from '../shared/audio-format.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors/app-error.ts';
import { ConflictError } from '../shared/errors/conflict-error.ts';
import { GoneError } from '../shared/errors/gone-error.ts';
import { ModelNotReadyError } from '../shared/errors/model-not-ready-error.ts';
import { NotFoundError } from '../shared/errors/not-found-error.ts';
import { QueueFullError } from '../shared/errors/queue-full-error.ts';
import { ValidationError } from '../shared/errors/validation-error.ts';
import { DEFAULT_GENERATION_PARAMS, MAX_SEED, type GenerationParams } from '../shared/generation.ts';
import { newId } from '../shared/ids.ts';
import { pendingCallback } from '../shared/job-callback.ts';
import { codePointLength } from '../shared/text-length.ts';
import { isTerminal, type JobOrigin, type JobRecord, type JobSpeech, type JobStatus } from '../shared/job.ts';
import type { ServiceMetrics } from '../shared/metrics.ts';
import { audioVariant, type AudioFile } from './audio-variants.ts';
import { CAPTION_FORMATS, captionsOf, type CaptionFormat } from './captions.ts';
import type { JobEventBus } from './events/job-event-bus.ts';
import { removeJobFiles } from './job-files.ts';
import { toCancelled } from './job-state.ts';
import type { KeyedMutex } from './keyed-mutex.ts';
import type { LexiconService } from './lexicon-service.ts';
import type { JobQueue } from './queue/job-queue.ts';
import { prepareJobSpeech, type SpeechRequest } from './job-speech.ts';
import type { VoiceService } from './voice-service.ts';
import type { SpeechOptions } from '../text/index.ts';

/** Validated submit input; `seed: null` means "draw one" (the job records what it drew). */
export interface SubmitRequest extends SpeechRequest {
  voice: string;
  params: Omit<GenerationParams, 'seed' | 'maxNewTokens'> & { seed: number | null };
  format: AudioFormat;
  /** Tempo factor (0.25..4, pitch kept). @defaultValue 1 */
  speed?: number;
  callbackUrl: string | null;
  /** Which API created the job (retention differs). @defaultValue the job API */
  origin?: JobOrigin;
}

export interface SubmitResult {
  record: JobRecord;
  /** True when an Idempotency-Key matched an earlier submit and its job is returned. */
  replayed: boolean;
}

export interface JobServiceOptions {
  store: JobStore;
  queue: JobQueue;
  bus: JobEventBus;
  voices: VoiceService;
  lexicons: LexiconService;
  /** The server's text-stage settings (normalize, pauses, code blocks, ...); a request's `normalize` overrides. */
  speechOptions: Partial<SpeechOptions>;
  lock: KeyedMutex;
  clock: Clock;
  metrics: ServiceMetrics;
  audioDir: string;
  /** Format conversion for ?format= downloads, off the event loop (audio/conversion/). */
  convert: ConvertAudio;
  limits: { maxQueuedJobs: number; retentionMs: number | null; idempotencyTtlMs: number };
  /** Why no job can run (model failed to load), or null. */
  modelError: () => string | null;
  /** Why jobs cannot be queued right now (scale-out: Redis lost), or null: a submit then answers 503 at once. */
  queueOutage?: () => string | null;
  /** Throws a 400 for a callback_url this server may not call (see jobs/callbacks/callback-target-policy.ts). */
  checkCallbackUrl?: (url: string) => void;
}

export class JobService {
  constructor(private readonly options: JobServiceOptions) {}

  /**
   * An Idempotency-Key is written first, reserving the job id; then the job. A crash between the
   * two leaves a reservation the retry fills in: one key never yields two jobs, on any store.
   */
  async submit(request: SubmitRequest, idempotencyKey?: string): Promise<SubmitResult> {
    if (idempotencyKey === undefined) {
      const speech = await this.admit(request);
      return { record: await this.create(request, speech, null, newId()), replayed: false };
    }
    const fingerprint = fingerprintOf(request);
    return this.options.lock.run(`idempotency:${idempotencyKey}`, async () => {
      const now = this.options.clock.now();
      const entry = await this.options.store.getIdempotency(idempotencyKey);
      if (entry !== undefined && entry.expiresAt > now) {
        if (entry.fingerprint !== fingerprint) {
          const options = { code: 'idempotency_key_reused', status: 422, field: 'Idempotency-Key' };
          throw new AppError('This Idempotency-Key was used with a different request body.', options);
        }
        const earlier = await this.existing(entry.jobId);
        if (earlier !== undefined) return { record: earlier, replayed: true };
        // Reserved, then the server stopped (or the store refused) before the job was written.
        const speech = await this.admit(request);
        return { record: await this.create(request, speech, idempotencyKey, entry.jobId), replayed: false };
      }
      const speech = await this.admit(request);
      const jobId = newId();
      const expiresAt = now + this.options.limits.idempotencyTtlMs;
      await this.options.store.putIdempotency({ key: idempotencyKey, jobId, fingerprint, expiresAt });
      return { record: await this.create(request, speech, idempotencyKey, jobId), replayed: false };
    });
  }

  /** The job, or 404 (never existed) / 410 (deleted or expired). */
  async get(id: string): Promise<JobRecord> {
    const record = await this.options.store.get(id);
    if (record !== undefined && !this.isExpired(record)) return record;
    if (record !== undefined) throw new GoneError(`Job ${id} expired and was removed.`, { code: 'job_expired' });
    const tombstone = await this.options.store.getTombstone(id);
    if (tombstone?.reason === 'deleted') throw new GoneError(`Job ${id} was deleted.`, { code: 'job_deleted' });
    if (tombstone?.reason === 'expired') throw new GoneError(`Job ${id} expired and was removed.`, { code: 'job_expired' });
    throw new NotFoundError(`No job with id ${id}.`, { code: 'job_not_found' });
  }

  async list(query: JobListQuery): Promise<JobPage> {
    const page = await this.options.store.list(query);
    return { ...page, records: page.records.filter((record) => !this.isExpired(record)) };
  }

  /** A finished job's audio file, in its own format or converted (once) to `format`; 409 while not COMPLETE. */
  async audio(id: string, format?: AudioFormat): Promise<AudioFile> {
    const record = await this.get(id);
    if (record.status !== 'COMPLETE' || record.audio === null) throw unfinished(record);
    const audio = record.audio;
    if (format === undefined || format === audio.format) return audioVariant({ ...record, audio }, audio.format, this.options.audioDir, this.options.convert);
    return this.options.lock.run(id, async () => {
      const current = await this.get(id);
      if (current.audio === null) throw unfinished(current);
      return audioVariant({ ...current, audio: current.audio }, format, this.options.audioDir, this.options.convert);
    });
  }

  /** A finished job's captions, one cue per chunk; 409 while not COMPLETE, as for the audio. */
  async captions(id: string, format: CaptionFormat): Promise<{ text: string; contentType: string }> {
    const record = await this.get(id);
    if (record.status !== 'COMPLETE' || record.audio === null) throw unfinished(record);
    if (record.speech === undefined) {
      throw new ConflictError(`Job ${id} was made before captions existed; submit it again.`, { code: 'no_captions' });
    }
    return { text: captionsOf(record.speech, record.audio.sampleRate, format), contentType: CAPTION_FORMATS[format].contentType };
  }

  /** Stops a queued or running job; its record stays, as CANCELLED. */
  async cancel(id: string): Promise<JobRecord> {
    return this.options.lock.run(id, async () => {
      const record = await this.get(id);
      if (isTerminal(record.status)) {
        throw new ConflictError(`Job ${id} already finished (${record.status}); nothing to cancel.`, { code: 'job_finished' });
      }
      const cancelled = toCancelled(record, this.options.clock.now());
      await this.options.queue.remove(id);
      await this.options.store.update(cancelled);
      this.stopWork(id, 'CANCELLED');
      this.options.metrics.jobsFinished.inc({ status: 'CANCELLED' });
      return cancelled;
    });
  }

  /** Cancels any work, removes record and files; the id answers 410 from now on. */
  async delete(id: string): Promise<{ id: string; status: JobStatus }> {
    return this.options.lock.run(id, async () => {
      const record = await this.get(id);
      const status: JobStatus = isTerminal(record.status) ? record.status : 'CANCELLED';
      await this.options.store.putTombstone({ id, reason: 'deleted', at: this.options.clock.now() });
      await this.options.queue.remove(id);
      await this.options.store.remove(id);
      if (!isTerminal(record.status)) this.stopWork(id, 'CANCELLED');
      await removeJobFiles(this.options.audioDir, id);
      return { id, status };
    });
  }

  /** Retention: like delete, but the id answers 410 "expired". */
  async expire(id: string): Promise<void> {
    await this.options.lock.run(id, async () => {
      const record = await this.options.store.get(id);
      if (record === undefined) return;
      await this.options.store.putTombstone({ id, reason: 'expired', at: this.options.clock.now() });
      await this.options.queue.remove(id);
      await this.options.store.remove(id);
      if (!isTerminal(record.status)) this.stopWork(id, 'CANCELLED');
      await removeJobFiles(this.options.audioDir, id);
    });
  }

  /** The job behind a reservation (410 when deleted or expired); undefined when it was never written. */
  private existing(id: string): Promise<JobRecord | undefined> {
    return this.get(id).catch((error: unknown) => (error instanceof NotFoundError ? undefined : Promise.reject(error)));
  }

  private async create(request: SubmitRequest, speech: JobSpeech, idempotencyKey: string | null, id: string): Promise<JobRecord> {
    const record: JobRecord = { ...newRecord(id, request, idempotencyKey, this.options.clock.now()), speech };
    await this.options.store.create(record, request.text);
    await this.options.queue.enqueue(record.id);
    this.options.metrics.jobsSubmitted.inc();
    this.options.bus.publish({ type: 'status', jobId: record.id, status: record.status });
    return record;
  }

  /**
   * Throws what a submit would be refused for (model down, queue full, callback target or voice
   * not allowed, nothing speakable, bad lexicon); returns the speech script the job will speak.
   */
  private async admit(request: SubmitRequest): Promise<JobSpeech> {
    const modelError = this.options.modelError();
    if (modelError !== null) throw new ModelNotReadyError(`The model is not available: ${modelError}`);
    const queueOutage = this.options.queueOutage?.() ?? null;
    if (queueOutage !== null) throw new QueueFullError(`Jobs cannot be accepted now (${queueOutage}); retry later.`, { code: 'queue_unavailable' });
    if ((await this.options.queue.depth()) >= this.options.limits.maxQueuedJobs) {
      throw new QueueFullError(`The queue holds its limit of ${this.options.limits.maxQueuedJobs} waiting jobs; retry later.`);
    }
    if (request.callbackUrl !== null) this.options.checkCallbackUrl?.(request.callbackUrl);
    if (!(await this.options.voices.exists(request.voice))) {
      throw new ValidationError(`No voice with id "${request.voice}"; GET /voices lists them.`, { code: 'unknown_voice', field: 'voice' });
    }
    return prepareJobSpeech(request, this.options.speechOptions, this.options.lexicons);
  }

  private stopWork(id: string, status: JobStatus): void {
    this.options.bus.publish({ type: 'cancel', jobId: id });
    this.options.bus.publish({ type: 'status', jobId: id, status });
    this.options.bus.publish({ type: 'done', jobId: id, status });
  }

  private isExpired(record: JobRecord): boolean {
    const { retentionMs } = this.options.limits;
    return retentionMs !== null && this.options.clock.now() - record.createdAt > retentionMs;
  }
}

function newRecord(id: string, request: SubmitRequest, idempotencyKey: string | null, now: number): JobRecord {
  const seed = request.params.seed ?? randomInt(MAX_SEED + 1);
  return {
    id,
    status: 'QUEUED',
    createdAt: now,
    startedAt: null,
    finishedAt: null,
    language: request.language,
    voice: request.voice,
    textChars: codePointLength(request.text),
    params: { ...request.params, seed, maxNewTokens: DEFAULT_GENERATION_PARAMS.maxNewTokens },
    format: request.format,
    speed: request.speed ?? 1,
    progress: null,
    audio: null,
    error: null,
    attempts: 0,
    callbackUrl: request.callbackUrl,
    callback: request.callbackUrl === null ? null : pendingCallback(),
    idempotencyKey,
    ...(request.origin === undefined ? {} : { origin: request.origin }),
  };
}

function fingerprintOf(request: SubmitRequest): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

function unfinished(record: JobRecord): AppError {
  if (record.status === 'FAILED') {
    return new ConflictError(`Job ${record.id} failed: ${record.error?.message ?? 'unknown reason'}`, { code: 'job_failed' });
  }
  if (record.status === 'CANCELLED') return new ConflictError(`Job ${record.id} was cancelled.`, { code: 'job_cancelled' });
  return new ConflictError(`Job ${record.id} is ${record.status}; poll its status_url until COMPLETE.`, { code: 'job_not_finished' });
}

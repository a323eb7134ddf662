import type { AudioFormat } from './audio-format.ts';
import type { GenerationParams } from './generation.ts';
import type { JobCallbackStatus } from './job-callback.ts';
import type { LanguageCode } from './languages.ts';

/** Wire values kept from the original FastAPI service so its clients keep working. */
export const JOB_STATUSES = ['QUEUED', 'PROCESSING', 'COMPLETE', 'FAILED', 'CANCELLED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

const TERMINAL_STATUSES: readonly JobStatus[] = ['COMPLETE', 'FAILED', 'CANCELLED'];

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

interface JobProgress {
  chunksDone: number;
  chunksTotal: number;
}

export interface JobAudio {
  format: AudioFormat;
  contentType: string;
  /** File name inside the data dir's audio folder. */
  fileName: string;
  bytes: number;
  durationSeconds: number;
  sampleRate: number;
  /** Strong validator for HTTP caching; audio files never change once written. */
  etag: string;
}

/**
 * One chunk (sentence) of a job's speech. The same shape as the text stage's SpeechChunk
 * (server/text/speech-script.ts), which shared/ cannot import, plus where it ended up.
 */
interface JobSpeechChunk {
  /** The sentence as the user wrote it (caption text). */
  source: string;
  /** What the model is given: the text stage's output, and once COMPLETE, after the tokenizer pass. */
  spoken: string;
  fragment: boolean;
  pauseAfterMs: number;
  /** First sample of its speech in the finished audio (after pauses, joins and speed); set when COMPLETE. */
  startSample?: number;
  /** Sample after its speech ends; set when COMPLETE. */
  endSample?: number;
}

/** The text stage's script for a job, stored at submit and completed with timings when the audio is done. */
export interface JobSpeech {
  leadingPauseMs: number;
  chunks: JobSpeechChunk[];
  /** Characters the model's tokenizer could not say and that were dropped, with counts; set when COMPLETE. */
  unspeakable: Record<string, number>;
}

export interface JobFailure {
  code: string;
  message: string;
}

/** The persisted job. The text is stored apart (see JobStore) so records stay small. */
export interface JobRecord {
  id: string;
  status: JobStatus;
  /** Milliseconds since the epoch. */
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  language: LanguageCode;
  voice: string;
  textChars: number;
  params: GenerationParams;
  format: AudioFormat;
  progress: JobProgress | null;
  audio: JobAudio | null;
  error: JobFailure | null;
  /** How many times a worker has started this job (crash recovery gives up after a limit). */
  attempts: number;
  /** Tempo factor applied after synthesis (pitch kept); 1 = as spoken. Absent in records written before the field existed. */
  speed?: number;
  callbackUrl: string | null;
  /** Delivery of the callback_url notification; null without one. Absent in records written before the field existed. */
  callback?: JobCallbackStatus | null;
  /** What is spoken, chunk by chunk (issue 10). Absent in older records: the worker prepares it from the text. */
  speech?: JobSpeech;
  idempotencyKey: string | null;
  /** Absent: submitted through the job API (/tts/*). */
  origin?: JobOrigin;
}

/** The API a job came from when not the job API: OpenAI speech jobs have their own retention. */
export type JobOrigin = 'openai';

/** Why a job id answers 410. */
export interface JobTombstone {
  id: string;
  reason: 'deleted' | 'expired';
  at: number;
}

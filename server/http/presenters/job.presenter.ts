import type { JobCallbackStatus } from '../../shared/job-callback.ts';
import type { JobRecord } from '../../shared/job.ts';
import type { JobStatusView } from '../schemas/job.schema.ts';

function iso(time: number | null): string | null {
  return time === null ? null : new Date(time).toISOString();
}

export function jobUrls(id: string): { status_url: string; audio_url: string; events_url: string } {
  return { status_url: `/tts/status/${id}`, audio_url: `/tts/audio/${id}`, events_url: `/tts/events/${id}` };
}

/** The wire shape of a job: snake_case, ISO timestamps, URLs to follow. */
export function presentJob(record: JobRecord): JobStatusView {
  const { params } = record;
  return {
    chatterbox_id: record.id,
    status: record.status,
    progress: record.progress && { chunks_done: record.progress.chunksDone, chunks_total: record.progress.chunksTotal },
    created_at: iso(record.createdAt)!,
    started_at: iso(record.startedAt),
    finished_at: iso(record.finishedAt),
    language: record.language,
    voice: record.voice,
    text_chars: record.textChars,
    params: {
      exaggeration: params.exaggeration,
      cfg_weight: params.cfgWeight,
      temperature: params.temperature,
      repetition_penalty: params.repetitionPenalty,
      min_p: params.minP,
      top_p: params.topP,
      seed: params.seed,
      format: record.format,
      speed: record.speed ?? 1,
    },
    audio: record.audio && {
      format: record.audio.format,
      content_type: record.audio.contentType,
      bytes: record.audio.bytes,
      duration_seconds: record.audio.durationSeconds,
      sample_rate: record.audio.sampleRate,
    },
    error: record.error,
    attempts: record.attempts,
    callback: presentCallback(record.callback ?? null),
    ...jobUrls(record.id),
  };
}

function presentCallback(callback: JobCallbackStatus | null): JobStatusView['callback'] {
  if (callback === null) return null;
  return {
    state: callback.state,
    attempts: callback.attempts,
    last_status_code: callback.lastStatusCode,
    last_error: callback.lastError,
    last_attempt_at: iso(callback.lastAttemptAt),
    delivered_at: iso(callback.deliveredAt),
  };
}

export function presentSubmitted(record: JobRecord): Record<string, string> {
  return { chatterbox_id: record.id, status: record.status, created_at: iso(record.createdAt)!, ...jobUrls(record.id) };
}

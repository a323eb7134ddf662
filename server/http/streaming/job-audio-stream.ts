/**
 * GET /tts/audio/:id?stream=1: a running (or still queued) job's audio, sent chunk by chunk as
 * it is synthesized, in the job's format or ?format=. A finished job is served as its file
 * (the caller does that when this returns false). Leaving early never cancels such a job: it
 * was submitted for its file, the listener is only a guest.
 */
import type { Context } from 'koa';
import { getFormat } from '../../audio/encoders/formats.ts';
import type { LiveAudioService } from '../../jobs/streaming/live-audio.ts';
import type { AudioFormat } from '../../shared/audio-format.ts';
import { sendAudioStream } from './audio-stream.ts';
import { onClientLeave } from './stream-response.ts';

/** True when the response is a live stream; false when the job is COMPLETE and its file should be sent. */
export async function streamJobAudio(ctx: Context, live: LiveAudioService, jobId: string, format: AudioFormat | undefined): Promise<boolean> {
  const opened = await live.open(jobId);
  if (opened.kind === 'finished') return false;
  const descriptor = getFormat(format ?? opened.record.format);
  const source = live.encode(jobId, opened.reader, descriptor.format, { samples: 0, chunks: 0 });
  onClientLeave(ctx, () => void live.leave(jobId, opened.reader, false));
  await sendAudioStream(ctx, source, {
    contentType: descriptor.contentType,
    headers: { 'Content-Disposition': `attachment; filename="${jobId}.${descriptor.extension}"`, 'X-Chatterbox-Id': jobId },
  });
  return true;
}

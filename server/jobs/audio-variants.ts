/**
 * A finished job's audio in another format (GET /tts/audio/:id?format=...): converted once
 * from the job's own file, off the event loop, then kept beside it (deleted with the job).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConvertAudio } from '../audio/conversion/conversion-pool.ts';
import type { ConversionTask } from '../audio/conversion/convert-audio.ts';
import { getFormat } from '../audio/encoders/formats.ts';
import { writeFileAtomic } from '../storage/atomic-file.ts';
import type { AudioFormat } from '../shared/audio-format.ts';
import type { JobRecord } from '../shared/job.ts';
import { audioPath } from './job-files.ts';

export interface AudioFile {
  path: string;
  format: AudioFormat;
  contentType: string;
  extension: string;
  bytes: number;
  etag: string;
}

type FinishedJob = JobRecord & { audio: NonNullable<JobRecord['audio']> };

/** The caller holds the job's lock, so a concurrent delete cannot strand a converted file. */
export async function audioVariant(record: FinishedJob, format: AudioFormat, audioDir: string, convert: ConvertAudio): Promise<AudioFile> {
  const primaryPath = join(audioDir, record.audio.fileName);
  const encoder = getFormat(format);
  if (format === record.audio.format) {
    return { path: primaryPath, format, contentType: encoder.contentType, extension: encoder.extension, bytes: record.audio.bytes, etag: record.audio.etag };
  }
  const path = audioPath(audioDir, record.id, encoder.extension);
  const etag = `"${record.audio.etag.replaceAll('"', '')}-${format}"`;
  const existing = await stat(path).catch(() => undefined);
  let bytes = existing?.size;
  if (bytes === undefined) {
    const encoded = await convert({ ...(await conversionSource(record, primaryPath, audioDir)), to: format });
    await writeFileAtomic(path, encoded);
    bytes = encoded.byteLength;
  }
  return { path, format, contentType: encoder.contentType, extension: encoder.extension, bytes, etag };
}

/**
 * What to convert from: the raw PCM copy a lossy job keeps (see JobRunner), so no
 * generation loss; else the job's own file (lossless formats, or jobs older than the copy).
 */
async function conversionSource(record: FinishedJob, primaryPath: string, audioDir: string): Promise<Omit<ConversionTask, 'to'>> {
  const copy = record.audio.format === 'pcm' ? undefined : await readFile(audioPath(audioDir, record.id, 'pcm')).catch(() => undefined);
  return copy === undefined ? { source: await readFile(primaryPath), from: record.audio.format } : { source: copy, from: 'pcm' };
}

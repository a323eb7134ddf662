/**
 * A finished job's audio in another format (GET /tts/audio/:id?format=...): converted once
 * from the job's own file, then kept beside it (deleted with the job).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeEncoded } from '../audio/decode-encoded.ts';
import { getEncoder } from '../audio/encode.ts';
import { resample } from '../audio/resample.ts';
import { SAMPLE_RATE_HZ } from '../shared/audio-constants.ts';
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

/** The caller holds the job's lock, so a concurrent delete cannot strand a converted file. */
export async function audioVariant(
  record: JobRecord & { audio: NonNullable<JobRecord['audio']> },
  format: AudioFormat,
  audioDir: string,
): Promise<AudioFile> {
  const primaryPath = join(audioDir, record.audio.fileName);
  const encoder = getEncoder(format);
  if (format === record.audio.format) {
    return { path: primaryPath, format, contentType: encoder.contentType, extension: encoder.extension, bytes: record.audio.bytes, etag: record.audio.etag };
  }
  const path = audioPath(audioDir, record.id, encoder.extension);
  const etag = `"${record.audio.etag.replaceAll('"', '')}-${format}"`;
  const existing = await stat(path).catch(() => undefined);
  let bytes = existing?.size;
  if (bytes === undefined) {
    const samples = await sourceSamples(record, primaryPath, audioDir);
    const encoded = await encoder.encode(samples, SAMPLE_RATE_HZ);
    await writeFileAtomic(path, encoded);
    bytes = encoded.byteLength;
  }
  return { path, format, contentType: encoder.contentType, extension: encoder.extension, bytes, etag };
}

/**
 * The job's samples at the model rate: from the raw PCM copy a lossy job keeps (see
 * JobRunner), else by decoding its file (lossless formats, or jobs older than the copy).
 */
async function sourceSamples(record: JobRecord & { audio: NonNullable<JobRecord['audio']> }, primaryPath: string, audioDir: string): Promise<Float32Array> {
  const copy = record.audio.format === 'pcm' ? undefined : await readFile(audioPath(audioDir, record.id, 'pcm')).catch(() => undefined);
  const decoded = copy === undefined ? await decodeEncoded(await readFile(primaryPath), record.audio.format) : await decodeEncoded(copy, 'pcm');
  return resample(decoded.samples, decoded.sampleRate, SAMPLE_RATE_HZ);
}

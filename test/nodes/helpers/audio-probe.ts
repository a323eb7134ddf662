/**
 * Checks that bytes are a real audio file, independently of the service's own code:
 * a WAV header parser for the common case, and ffprobe (Debian's ffmpeg) for every format.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  durationSeconds: number;
  /** Size of the sample data, i.e. the file without its header. */
  dataBytes: number;
}

/** Reads a canonical PCM WAV (RIFF/WAVE, fmt and data chunks); throws on anything else. */
export function parseWav(bytes: Buffer): WavInfo {
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`not a RIFF/WAVE file (starts with ${bytes.subarray(0, 12).toString('hex')})`);
  }
  let offset = 12;
  let format: Omit<WavInfo, 'durationSeconds' | 'dataBytes'> | undefined;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      format = {
        channels: bytes.readUInt16LE(offset + 10),
        sampleRate: bytes.readUInt32LE(offset + 12),
        bitsPerSample: bytes.readUInt16LE(offset + 22),
      };
    } else if (id === 'data') {
      if (!format) throw new Error('WAV data chunk before fmt chunk');
      if (offset + 8 + size > bytes.length) throw new Error('WAV data chunk is truncated');
      const bytesPerSecond = format.sampleRate * format.channels * (format.bitsPerSample / 8);
      return { ...format, durationSeconds: size / bytesPerSecond, dataBytes: size };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('WAV file has no data chunk');
}

export interface ProbeResult {
  formatName: string;
  codecName: string;
  durationSeconds: number;
  sampleRate: number;
}

/** Decodes the whole file with ffprobe (-count_packets) so a truncated stream is noticed. */
export function probeAudio(bytes: Buffer, extension: string): ProbeResult {
  const dir = mkdtempSync(join(tmpdir(), 'chatterbox-probe-'));
  try {
    const file = join(dir, `audio.${extension}`);
    writeFileSync(file, bytes);
    const result = spawnSync(
      'ffprobe',
      ['-v', 'error', '-count_packets', '-show_format', '-show_streams', '-of', 'json', file],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`ffprobe rejected the file: ${result.stderr}`);
    const parsed = JSON.parse(result.stdout) as {
      format: { format_name: string; duration?: string };
      streams: Array<{
        codec_name: string;
        sample_rate?: string;
        duration?: string;
        codec_type: string;
      }>;
    };
    const stream = parsed.streams.find((s) => s.codec_type === 'audio');
    if (!stream) throw new Error('ffprobe found no audio stream');
    return {
      formatName: parsed.format.format_name,
      codecName: stream.codec_name,
      durationSeconds: Number(stream.duration ?? parsed.format.duration ?? NaN),
      sampleRate: Number(stream.sample_rate ?? NaN),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

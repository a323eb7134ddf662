/**
 * Debian's ffmpeg/ffprobe as the independent decoder for the encoder tests. Suites skip with
 * `ffmpegSkip()` (test/support/requirements.ts) when the binaries are not installed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;
/** Raw pcm has no header: ffmpeg must be told what it is. */
const RAW_PCM_INPUT = ['-f', 's16le', '-ar', '24000', '-ac', '1'];

export interface StreamInfo {
  codec: string;
  sampleRate: number;
  channels: number;
}

/** Runs `use` on a temporary file holding `bytes`, named with `extension` (ffmpeg probes by content). */
function withFile<T>(bytes: Uint8Array, extension: string, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'encoder-test-'));
  try {
    const path = join(dir, `audio.${extension}`);
    writeFileSync(path, bytes);
    return use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function inputArgs(extension: string, path: string): string[] {
  return [...(extension === 'pcm' ? RAW_PCM_INPUT : []), '-i', path];
}

export function probe(bytes: Uint8Array, extension: string): StreamInfo {
  return withFile(bytes, extension, (path) => {
    const args = ['-v', 'error', ...(extension === 'pcm' ? RAW_PCM_INPUT : []), '-show_streams', '-of', 'json', path];
    const json = JSON.parse(execFileSync('ffprobe', args, { encoding: 'utf8' })) as {
      streams: { codec_name: string; sample_rate: string; channels: number }[];
    };
    const [stream] = json.streams;
    if (json.streams.length !== 1 || stream === undefined) throw new Error(`expected one stream, got ${json.streams.length}`);
    return { codec: stream.codec_name, sampleRate: Number(stream.sample_rate), channels: stream.channels };
  });
}

/**
 * Decodes to signed 16-bit mono; `sampleRate` resamples (ffmpeg's swresample) when the codec's
 * own rate differs, as Opus decodes at 48 kHz. Truncated input decodes as far as it goes.
 */
export function decode(bytes: Uint8Array, extension: string, sampleRate?: number): Int16Array {
  return withFile(bytes, extension, (path) => {
    const rate = sampleRate === undefined ? [] : ['-ar', String(sampleRate)];
    const args = ['-v', 'error', ...inputArgs(extension, path), '-f', 's16le', '-ac', '1', ...rate, 'pipe:1'];
    const pcm = execFileSync('ffmpeg', args, { maxBuffer: MAX_OUTPUT_BYTES });
    // Copied out: a pooled Buffer's offset need not be 2-byte aligned.
    return new Int16Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength));
  });
}

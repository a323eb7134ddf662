/** Assertions on what the workflows deliver: plausible speech, as the job reports it. */
import assert from 'node:assert/strict';
import { parseWav, probeAudio } from '../../nodes/helpers/audio-probe.ts';
import { ffmpegSkip } from '../../support/requirements.ts';
import type { RunItem } from './n8n-host.ts';

/** Plausible speech: longer than a click, shorter than the tiny model's token budget allows. */
const MIN_SECONDS = 0.1;
const MAX_SECONDS = 120;
/** Container formats round durations to a frame; the job reports the exact sample count. */
const DURATION_TOLERANCE_SECONDS = 0.1;

export function binaryOf(item: RunItem | undefined) {
  const binary = item?.binary?.data;
  assert.ok(binary, `no binary "data" in ${JSON.stringify(item?.json)}`);
  return { ...binary, bytes: Buffer.from(binary.data, 'base64') };
}

export function assertAudio(bytes: Buffer, extension: string, reportedSeconds: number): void {
  assert.ok(
    reportedSeconds > MIN_SECONDS && reportedSeconds < MAX_SECONDS,
    `duration ${reportedSeconds} s`,
  );
  if (extension === 'wav') {
    const wav = parseWav(bytes);
    assert.equal(wav.sampleRate, 24_000);
    assert.ok(Math.abs(wav.durationSeconds - reportedSeconds) < DURATION_TOLERANCE_SECONDS);
  }
  if (ffmpegSkip() === false) {
    const probe = probeAudio(bytes, extension);
    assert.ok(
      Math.abs(probe.durationSeconds - reportedSeconds) < DURATION_TOLERANCE_SECONDS,
      `ffprobe says ${probe.durationSeconds} s, the job says ${reportedSeconds} s`,
    );
  }
}

/** The job's reported duration, from the item JSON (job status) a node passed on. */
export function durationOf(json: Record<string, unknown>): number {
  return (json.audio as { duration_seconds: number }).duration_seconds;
}

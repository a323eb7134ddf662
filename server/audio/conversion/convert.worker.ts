/** Piscina task module: one conversion or clip probe per call, result buffers moved, not copied. */
import { move } from 'piscina';
import { toPlainError, type PlainError } from '../../shared/errors/plain-error.ts';
import { probeClip, type ProbedClip } from '../clip-probe.ts';
import type { ClipHeaderLimits } from '../clip-header.ts';
import { convertAudio, type ConversionTask } from './convert-audio.ts';

export interface ProbeTask {
  bytes: Uint8Array;
  limits: ClipHeaderLimits;
}

/** Errors cross the thread as plain data: a structured clone would drop their code. */
export type ProbeResult = { clip: ProbedClip } | { error: PlainError };

export default async function convert(task: ConversionTask): Promise<ReturnType<typeof move>> {
  return move(await convertAudio(task));
}

export async function probe(task: ProbeTask): Promise<ProbeResult> {
  try {
    return { clip: await probeClip(task.bytes, task.limits) };
  } catch (error) {
    return { error: toPlainError(error) };
  }
}

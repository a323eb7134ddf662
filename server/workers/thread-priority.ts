/**
 * Lowers the scheduling priority of the calling thread (Linux), so synthesis yields the CPU
 * to the HTTP thread: status requests stay fast while every core is busy synthesizing. On
 * an otherwise idle machine a niced thread runs at full speed. Threads the engine creates
 * afterwards (onnxruntime's pool) inherit the value.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Returns whether the priority was changed; other platforms and refusals are not errors. */
export function lowerThreadPriority(nice: number): boolean {
  if (nice === 0 || process.platform !== 'linux') return false;
  try {
    // /proc/thread-self -> "<pid>/task/<tid>"; setpriority on a TID affects that thread only.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}

/**
 * JobEvent <-> JSON text for transports between processes. Audio chunks travel as base64
 * of their float32 bytes (both ends run on little-endian machines), so they arrive exact.
 */
import { JOB_STATUSES, type JobStatus } from '../../shared/job.ts';
import type { JobEvent } from './job-event-bus.ts';

type ChunkEvent = Extract<JobEvent, { type: 'chunk' }>;
type WireChunk = Omit<ChunkEvent, 'samples'> & { samples: string };
type WireEvent = Exclude<JobEvent, ChunkEvent> | WireChunk;

const EVENT_TYPES: ReadonlySet<string> = new Set(['status', 'progress', 'chunk', 'done', 'cancel']);

export function encodeEvent(event: JobEvent): string {
  if (event.type !== 'chunk') return JSON.stringify(event);
  const bytes = Buffer.from(event.samples.buffer, event.samples.byteOffset, event.samples.byteLength);
  const wire: WireChunk = { ...event, samples: bytes.toString('base64') };
  return JSON.stringify(wire);
}

/** The event, or undefined for text that is not one (another version's message, garbage). */
export function decodeEvent(text: string): JobEvent | undefined {
  let wire: WireEvent;
  try {
    wire = JSON.parse(text) as WireEvent;
  } catch {
    return undefined;
  }
  if (typeof wire !== 'object' || wire === null || !EVENT_TYPES.has(wire.type) || typeof wire.jobId !== 'string') return undefined;
  if ('status' in wire && !JOB_STATUSES.includes(wire.status as JobStatus)) return undefined;
  if (wire.type !== 'chunk') return wire;
  const bytes = Buffer.from(wire.samples, 'base64');
  // Copy into a fresh, aligned buffer: Buffer slices may start at any byte offset.
  const samples = new Float32Array(bytes.byteLength / Float32Array.BYTES_PER_ELEMENT);
  new Uint8Array(samples.buffer).set(bytes);
  return { ...wire, samples };
}

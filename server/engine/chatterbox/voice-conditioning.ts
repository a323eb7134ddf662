/**
 * The four speech-encoder outputs that condition generation for one voice, and their file
 * format on disk: a 4-byte header length, a JSON header listing each tensor, then the raw
 * little-endian data. Written to a temp file and renamed, so readers never see half a file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Tensor, TensorType } from '../onnx/session.ts';

export interface VoiceConditioning {
  /** [1, 33, 1024] float32: T3 conditioning prefix. */
  audioFeatures: Tensor;
  /** [1, T] int64: prompt speech tokens. */
  audioTokens: Tensor;
  /** [1, 192] float32: x-vector. */
  speakerEmbeddings: Tensor;
  /** [1, 2T, 80] float32: prompt mel. */
  speakerFeatures: Tensor;
}

const FORMAT = 'chatterbox-voice-conditioning/1';
const FIELDS = ['audioFeatures', 'audioTokens', 'speakerEmbeddings', 'speakerFeatures'] as const;
const HEADER_LENGTH_BYTES = 4;

interface Header {
  format: string;
  tensors: Array<{ field: (typeof FIELDS)[number]; type: TensorType; dims: number[]; bytes: number }>;
}

function encodeConditioning(conditioning: VoiceConditioning): Buffer {
  const header: Header = { format: FORMAT, tensors: [] };
  const bodies: Buffer[] = [];
  for (const field of FIELDS) {
    const t = conditioning[field];
    const body = Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    header.tensors.push({ field, type: t.type, dims: [...t.dims], bytes: body.byteLength });
    bodies.push(body);
  }
  const headerBytes = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(HEADER_LENGTH_BYTES);
  length.writeUInt32LE(headerBytes.byteLength);
  return Buffer.concat([length, headerBytes, ...bodies]);
}

/** Parses a conditioning file; undefined when it is not one (stale format, truncated). */
function decodeConditioning(bytes: Buffer): VoiceConditioning | undefined {
  if (bytes.byteLength < HEADER_LENGTH_BYTES) return undefined;
  const headerLength = bytes.readUInt32LE(0);
  let header: Header;
  try {
    header = JSON.parse(bytes.subarray(HEADER_LENGTH_BYTES, HEADER_LENGTH_BYTES + headerLength).toString('utf8')) as Header;
  } catch {
    return undefined;
  }
  if (header.format !== FORMAT) return undefined;
  let offset = HEADER_LENGTH_BYTES + headerLength;
  const result: Partial<VoiceConditioning> = {};
  for (const entry of header.tensors) {
    if (offset + entry.bytes > bytes.byteLength) return undefined;
    const copy = new Uint8Array(bytes.subarray(offset, offset + entry.bytes)).buffer;
    offset += entry.bytes;
    const data = entry.type === 'int64' ? new BigInt64Array(copy) : entry.type === 'float16' ? new Uint16Array(copy) : new Float32Array(copy);
    result[entry.field] = { type: entry.type, data, dims: entry.dims };
  }
  return FIELDS.every((f) => result[f]) ? (result as VoiceConditioning) : undefined;
}

export async function writeConditioningFile(path: string, conditioning: VoiceConditioning): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, encodeConditioning(conditioning));
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export async function readConditioningFile(path: string): Promise<VoiceConditioning | undefined> {
  const bytes = await readFile(path).catch(() => undefined);
  return bytes ? decodeConditioning(bytes) : undefined;
}

/**
 * The only file importing onnxruntime-node. Everything else sees plain tensors
 * ({ type, data, dims }) and a ModelSession that runs by input name.
 */
import * as ort from 'onnxruntime-node';
import type { Device } from '../tts-engine.ts';

export type TensorType = 'float32' | 'float16' | 'int64';
export type TensorData = Float32Array | Uint16Array | BigInt64Array;

/** A tensor as the pipeline sees it; outputs can be fed back unchanged (no copy). */
export interface Tensor {
  readonly type: TensorType;
  readonly data: TensorData;
  readonly dims: readonly number[];
}

interface ValueInfo {
  name: string;
  type: string;
  shape: ReadonlyArray<number | string>;
}

export interface SessionOptions {
  /** @defaultValue 'cpu' */
  device?: Device;
  /** onnxruntime intra-op threads; 0 lets onnxruntime decide. @defaultValue 0 */
  intraOpThreads?: number;
}

export interface ModelSession {
  readonly inputs: readonly ValueInfo[];
  readonly outputs: readonly ValueInfo[];
  run(feeds: Readonly<Record<string, Tensor>>): Promise<Record<string, Tensor>>;
  /** Milliseconds spent inside onnxruntime's run since the session was created (for benchmarks). */
  readonly runMs: number;
  release(): Promise<void>;
}

export function tensor(type: TensorType, data: TensorData, dims: readonly number[]): Tensor {
  return { type, data, dims };
}

/** Execution providers for a device: `cuda:N` tries CUDA device N and falls back to the CPU. */
export function executionProvidersFor(device: Device): Array<'cpu' | { name: 'cuda'; deviceId: number }> {
  if (device === 'cpu') return ['cpu'];
  const deviceId = Number(device.slice('cuda:'.length));
  return [{ name: 'cuda', deviceId }, 'cpu'];
}

export async function createModelSession(path: string, options: SessionOptions = {}): Promise<ModelSession> {
  const session = await ort.InferenceSession.create(path, {
    executionProviders: executionProvidersFor(options.device ?? 'cpu'),
    graphOptimizationLevel: 'all',
    // Shapes change every step; a memory pattern per shape only grows native memory.
    enableMemPattern: false,
    ...(options.intraOpThreads ? { intraOpNumThreads: options.intraOpThreads } : {}),
  });
  return new OrtModelSession(session);
}

class OrtModelSession implements ModelSession {
  readonly inputs: ValueInfo[];
  readonly outputs: ValueInfo[];
  runMs = 0;
  private released = false;

  constructor(private readonly session: ort.InferenceSession) {
    this.inputs = session.inputMetadata.map(toValueInfo);
    this.outputs = session.outputMetadata.map(toValueInfo);
  }

  async run(feeds: Readonly<Record<string, Tensor>>): Promise<Record<string, Tensor>> {
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const [name, value] of Object.entries(feeds)) ortFeeds[name] = toOrtTensor(value);
    const started = performance.now();
    const results = await this.session.run(ortFeeds);
    this.runMs += performance.now() - started;
    return results as unknown as Record<string, Tensor>;
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.session.release();
  }
}

function toOrtTensor(value: Tensor): ort.Tensor {
  const ortTensor = value instanceof ort.Tensor ? value : new ort.Tensor(value.type, value.data, value.dims);
  return value.type === 'float16' ? withUint16Data(ortTensor) : ortTensor;
}

/**
 * Where the runtime has Float16Array (Node >= 24), onnxruntime-common stores float16 data as a
 * Float16Array, whose byte length the 1.30 native binding reads as 0 ("not enough space: expected
 * N, got 0"; microsoft/onnxruntime#32323). The binding accepts the same bits as a Uint16Array.
 */
function withUint16Data(ortTensor: ort.Tensor): ort.Tensor {
  const data = ortTensor.data as ArrayBufferView;
  if (data instanceof Uint16Array) return ortTensor;
  (ortTensor as unknown as { cpuData: Uint16Array }).cpuData = new Uint16Array(data.buffer, data.byteOffset, data.byteLength / 2);
  return ortTensor;
}

function toValueInfo(meta: ort.InferenceSession.ValueMetadata): ValueInfo {
  if (!meta.isTensor) return { name: meta.name, type: 'non-tensor', shape: [] };
  return { name: meta.name, type: meta.type, shape: meta.shape };
}

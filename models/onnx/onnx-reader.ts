/**
 * Reads what the service needs from an .onnx file without onnxruntime: the declared inputs
 * and outputs, the initializers (names, types, shapes, where their bytes live) and, on
 * request, one initializer's values, read from the inline bytes or from the external-data
 * sidecar. Parsing the graph file alone takes milliseconds even for the 2 GB fp32 language
 * model, whose weights live in the sidecar.
 */
import { open, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema, TensorProto_DataLocation, type ModelProto, type TensorProto, type ValueInfoProto } from 'onnx-buf';
import { getFloat16 } from '@petamoriken/float16';

export interface DeclaredValue {
  name: string;
  /** 'float32' | 'float16' | 'int64' | ... or `type-<n>` for others; 'unknown' when the graph declares none. */
  type: string;
  /** Empty when the graph declares no shape; '?' for an axis with neither size nor name. */
  shape: Array<number | string>;
}

export interface DeclaredIo {
  inputs: DeclaredValue[];
  outputs: DeclaredValue[];
}

export interface InitializerInfo {
  name: string;
  type: string;
  dims: number[];
  /** Where the bytes are: inline in the graph file, or a range of a sidecar file next to it. */
  external?: { location: string; offset: number; length: number };
}

const TYPE_NAMES: Record<number, string> = { 1: 'float32', 2: 'uint8', 3: 'int8', 6: 'int32', 7: 'int64', 9: 'bool', 10: 'float16', 11: 'float64' };
const BYTES_PER_ELEMENT: Record<string, number> = { float32: 4, float16: 2, int64: 8, int32: 4, float64: 8, uint8: 1, int8: 1, bool: 1 };

async function readModel(path: string): Promise<ModelProto> {
  return fromBinary(ModelProtoSchema, new Uint8Array(await readFile(path)));
}

export async function readDeclaredIo(path: string): Promise<DeclaredIo> {
  const graph = (await readModel(path)).graph;
  if (!graph) throw new Error(`${path} has no graph`);
  const initializers = new Set(graph.initializer.map((i) => i.name));
  return {
    // Old exporters list initializers as inputs too; they need no feed.
    inputs: graph.input.filter((i) => !initializers.has(i.name)).map(toDeclared),
    outputs: graph.output.map(toDeclared),
  };
}

/** Ops whose output differs from run to run. */
const RANDOM_OP_TYPES: ReadonlySet<string> = new Set(['RandomNormal', 'RandomNormalLike', 'RandomUniform', 'RandomUniformLike', 'Multinomial', 'Bernoulli']);

/** Whether the graph draws random values (at its top level). */
export async function hasRandomOps(path: string): Promise<boolean> {
  return ((await readModel(path)).graph?.node ?? []).some((n) => RANDOM_OP_TYPES.has(n.opType));
}

export async function listInitializers(path: string): Promise<InitializerInfo[]> {
  return ((await readModel(path)).graph?.initializer ?? []).map(toInitializerInfo);
}

/** The initializers of exactly these dims (the embedding tables are told apart by their shapes). */
export async function findInitializersByDims(path: string, dims: readonly number[]): Promise<InitializerInfo[]> {
  return (await listInitializers(path)).filter((i) => i.dims.length === dims.length && i.dims.every((d, k) => d === dims[k]));
}

/** One float initializer's values as float32 (float16 is widened), read from wherever they are stored. */
export async function readFloatInitializer(path: string, info: InitializerInfo): Promise<Float32Array> {
  const count = info.dims.reduce((n, d) => n * d, 1);
  const bytes = info.external ? await readSidecarRange(path, info.external) : await inlineBytes(path, info.name);
  if (info.type === 'float32') return new Float32Array(Uint8Array.from(bytes).buffer, 0, count);
  if (info.type === 'float16') {
    const view = new DataView(Uint8Array.from(bytes).buffer);
    return Float32Array.from({ length: count }, (_, i) => getFloat16(view, i * 2, true));
  }
  throw new Error(`${info.name} in ${path} is ${info.type}, not a float tensor`);
}

/**
 * Problems with the external data a graph references, one sentence each: a sidecar that is
 * missing, or shorter than the ranges the graph reads from it (a truncated download).
 */
export async function externalDataProblems(path: string): Promise<string[]> {
  const ends = new Map<string, number>();
  for (const info of await listInitializers(path)) {
    if (!info.external) continue;
    const end = info.external.offset + info.external.length;
    ends.set(info.external.location, Math.max(ends.get(info.external.location) ?? 0, end));
  }
  const problems: string[] = [];
  for (const [location, needed] of ends) {
    const size = await stat(join(dirname(path), location)).then(
      (s) => s.size,
      () => undefined,
    );
    if (size === undefined) problems.push(`${location} (external data of ${baseName(path)}) is missing`);
    else if (size < needed) problems.push(`${location} is truncated: ${size} bytes, the graph reads up to byte ${needed}`);
  }
  return problems;
}

async function readSidecarRange(path: string, external: NonNullable<InitializerInfo['external']>): Promise<Uint8Array> {
  const file = await open(join(dirname(path), external.location), 'r');
  try {
    const bytes = new Uint8Array(external.length);
    const { bytesRead } = await file.read(bytes, 0, external.length, external.offset);
    if (bytesRead !== external.length) throw new Error(`${external.location} ends before byte ${external.offset + external.length}`);
    return bytes;
  } finally {
    await file.close();
  }
}

async function inlineBytes(path: string, name: string): Promise<Uint8Array> {
  const tensor = (await readModel(path)).graph?.initializer.find((i) => i.name === name);
  if (!tensor) throw new Error(`${path} has no initializer ${name}`);
  if (tensor.rawData.byteLength > 0) return tensor.rawData;
  if (tensor.floatData.length > 0) return new Uint8Array(Float32Array.from(tensor.floatData).buffer);
  throw new Error(`${name} in ${path} stores its values in a form this reader does not handle`);
}

function toInitializerInfo(tensor: TensorProto): InitializerInfo {
  const info: InitializerInfo = { name: tensor.name, type: TYPE_NAMES[tensor.dataType] ?? `type-${tensor.dataType}`, dims: tensor.dims.map(Number) };
  if (tensor.dataLocation === TensorProto_DataLocation.EXTERNAL) {
    const entry = (key: string) => tensor.externalData.find((e) => e.key === key)?.value;
    const count = info.dims.reduce((n, d) => n * d, 1);
    const location = entry('location') ?? '';
    const offset = Number(entry('offset') ?? 0);
    const length = Number(entry('length') ?? count * (BYTES_PER_ELEMENT[info.type] ?? 0));
    info.external = { location, offset, length };
  }
  return info;
}

function toDeclared(value: ValueInfoProto): DeclaredValue {
  const type = value.type?.value.case === 'tensorType' ? value.type.value.value : undefined;
  const elemType = type?.elemType ?? 0;
  const shape = (type?.shape?.dim ?? []).map((d) =>
    d.value.case === 'dimValue' ? Number(d.value.value) : d.value.case === 'dimParam' ? d.value.value : '?',
  );
  return { name: value.name, type: elemType === 0 ? 'unknown' : (TYPE_NAMES[elemType] ?? `type-${elemType}`), shape };
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

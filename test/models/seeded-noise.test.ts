import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema } from 'onnx-buf';
import { NOISE_TABLE_INPUT, graphFile } from '../../models/contract.ts';
import { GraphBuilder } from '../../models/onnx/graph-builder.ts';
import { listInitializers } from '../../models/onnx/onnx-reader.ts';
import { encodeModel } from '../../models/onnx/onnx-writer.ts';
import { seedRandomOps } from '../../models/onnx/seeded-noise.ts';
import { prepareSeededDecoder } from '../../models/prepare-decoder.ts';
import { createModelSession, tensor } from '../../server/engine/onnx/session.ts';
import { tinyModel } from '../server/engine/tiny-model.fixture.ts';

let work: string;
before(async () => {
  work = await mkdtemp(join(tmpdir(), 'seeded-noise-'));
});
after(() => rm(work, { recursive: true, force: true }));

/** A graph with one RandomNormalLike (mean 2, scale 3) and one RandomUniformLike (-1..1) over x. */
function randomGraph(): Uint8Array {
  const g = new GraphBuilder('random');
  g.input('x', 'float32', ['n']);
  g.op('RandomNormalLike', ['x'], { mean: 2, scale: 3 }, 'normal');
  g.op('RandomUniformLike', ['x'], { low: -1, high: 1 }, 'uniform');
  g.output('normal', 'float32', ['n']);
  g.output('uniform', 'float32', ['n']);
  return encodeModel(g.spec);
}

const table = (n: number, shift: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + shift) * 1.5);

describe('seedRandomOps', () => {
  it('replaces every random op by reads from a noise_table input, with the op\'s mean, scale and range', async () => {
    const model = fromBinary(ModelProtoSchema, randomGraph());
    assert.equal(seedRandomOps(model).kind, 'seeded');
    assert.ok(model.graph!.node.every((n) => !n.opType.startsWith('Random')));
    const path = join(work, 'random.onnx');
    await writeFile(path, toBinary(ModelProtoSchema, model));
    const session = await createModelSession(path);
    const run = async (noise: Float32Array) => session.run({ x: tensor('float32', new Float32Array(1000), [1000]), [NOISE_TABLE_INPUT]: tensor('float32', noise, [noise.length]) });
    const first = await run(table(4096, 0));
    const again = await run(table(4096, 0));
    const other = await run(table(4096, 1));
    assert.deepEqual(again.normal!.data, first.normal!.data);
    assert.notDeepEqual(other.normal!.data, first.normal!.data);
    const normal = first.normal!.data as Float32Array;
    assert.ok(Math.abs(normal[0]! - (2 + 3 * table(1, 0)[0]!)) < 1e-5);
    assert.ok((first.uniform!.data as Float32Array).every((u) => u > -1 && u < 1));
    await session.release();
  });

  it('leaves a graph without random ops unchanged', () => {
    const g = new GraphBuilder('plain');
    g.input('x', 'float32', [1]);
    g.op('Identity', ['x'], {}, 'y');
    g.output('y', 'float32', [1]);
    assert.equal(seedRandomOps(fromBinary(ModelProtoSchema, encodeModel(g.spec))).kind, 'unchanged');
  });

  it('refuses a graph with a random op it cannot replace (Bernoulli), so only the tokens repeat', () => {
    const g = new GraphBuilder('bernoulli');
    g.input('x', 'float32', [4]);
    g.op('Bernoulli', ['x'], {}, 'y');
    g.output('y', 'float32', [4]);
    const outcome = seedRandomOps(fromBinary(ModelProtoSchema, encodeModel(g.spec)));
    assert.equal(outcome.kind, 'unsupported');
  });
});

describe('prepareSeededDecoder', () => {
  it('writes the seeded copy next to the untouched original, keeping its external-data reference, once', async () => {
    const dir = join(work, 'tiny');
    await cp((await tinyModel()).dir, dir, { recursive: true });
    for (const name of await readdir(join(dir, 'onnx'))) if (name.includes('.seeded-')) await rm(join(dir, 'onnx', name));
    const original = join(dir, graphFile('conditional_decoder', 'fp32'));
    const before = await readFile(original);
    const prepared = await prepareSeededDecoder(dir);
    assert.equal(prepared.reproducible, true);
    assert.match(prepared.path, /onnx\/conditional_decoder\.seeded-[0-9a-f]{12}\.onnx$/);
    assert.deepEqual(await readFile(original), before);
    const external = (await listInitializers(prepared.path)).filter((i) => i.external);
    assert.ok(external.length > 0 && external.every((i) => i.external!.location === 'conditional_decoder.onnx_data'));
    assert.deepEqual(await prepareSeededDecoder(dir), prepared);
  });
});

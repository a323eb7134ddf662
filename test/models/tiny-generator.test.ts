import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Tokenizer } from '@huggingface/tokenizers';
import { GRAPH_CONTRACTS, GRAPH_NAMES, graphFile, pastKeyValueNames, presentNames } from '../../models/contract.ts';
import { readDeclaredIo } from '../../models/onnx/onnx-reader.ts';
import { generateTinyModel, tinyFiles } from '../../models/tiny/generate.ts';
import { tinySpeechToken, tinySpeechTokenCount, tinySpeechTokens } from '../../models/tiny/script.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tiny-gen-'));
  await generateTinyModel(join(dir, 'tiny'), 'tiny');
});
after(() => rm(dir, { recursive: true, force: true }));

describe('tiny model generator', () => {
  it('writes the four graphs with exactly the contract names, dtypes and ranks', async () => {
    for (const graph of GRAPH_NAMES) {
      const io = await readDeclaredIo(join(dir, 'tiny', graphFile(graph, 'fp32')));
      const contract = GRAPH_CONTRACTS[graph];
      assert.deepEqual(io.inputs.map((i) => i.name), contract.inputs.map((i) => i.name), graph);
      assert.deepEqual(io.outputs.map((o) => o.name), contract.outputs.map((o) => o.name), graph);
      contract.inputs.forEach((c, k) => assert.deepEqual(io.inputs[k]!.shape, [...c.shape], `${graph} ${c.name}`));
      contract.outputs.forEach((c, k) => assert.equal(io.outputs[k]!.shape.length, c.shape.length, `${graph} ${c.name}`));
    }
  });

  it('gives the language model 60 past inputs and 60 present outputs of [B,16,P,64], float16 in the q4f16 variant', async () => {
    const fp32 = await readDeclaredIo(join(dir, 'tiny', graphFile('language_model', 'fp32')));
    const fp16 = await readDeclaredIo(join(dir, 'tiny', graphFile('language_model', 'q4f16')));
    assert.equal(pastKeyValueNames().length, 60);
    assert.deepEqual(fp32.inputs.slice(2).map((i) => i.name), pastKeyValueNames());
    assert.deepEqual(fp32.outputs.slice(1).map((o) => o.name), presentNames());
    assert.deepEqual(fp32.inputs[2]!.shape, ['batch_size', 16, 'past_sequence_length', 64]);
    assert.ok(fp32.inputs.slice(2).every((i) => i.type === 'float32'));
    assert.ok(fp16.inputs.slice(2).every((i) => i.type === 'float16'));
    assert.deepEqual(fp32.outputs[0]!.shape, ['batch_size', 'sequence_length', 8194]);
  });

  it('is small (the real-shaped text and text-position tables are most of it) and byte-for-byte deterministic', async () => {
    const files = await readdir(join(dir, 'tiny'), { recursive: true });
    let total = 0;
    for (const f of files) {
      const s = await stat(join(dir, 'tiny', f));
      if (s.isFile()) total += s.size;
    }
    // [2352 + 2050] x 1024 float32 = 18 MB of embedding tables; everything else is under 1 MB.
    assert.ok(total < 19_000_000, `${total} bytes`);
    const again = tinyFiles('tiny');
    for (const [path, content] of again) {
      const written = new Uint8Array(await readFile(join(dir, 'tiny', path)));
      assert.ok(Buffer.from(written).equals(Buffer.from(typeof content === 'string' ? new TextEncoder().encode(content) : content)), path);
    }
  });

  it('writes a tokenizer.json that @huggingface/tokenizers loads, with [SPACE] from its normalizer', async () => {
    const json = JSON.parse(await readFile(join(dir, 'tiny', 'tokenizer.json'), 'utf8'));
    const tokenizer = new Tokenizer(json, {});
    assert.deepEqual(tokenizer.encode('[en]yes no', { add_special_tokens: false }).ids, [708, 38, 61, 2, 27, 28]);
  });

  it('states its script: tokens are distinct, below 6561, and their count follows the text length', () => {
    const tokens = tinySpeechTokens(40);
    assert.equal(tokens.length, tinySpeechTokenCount(40));
    assert.equal(new Set(tokens).size, tokens.length);
    assert.ok(tokens.every((t) => t > 0 && t < 6561));
    assert.equal(tokens[3], tinySpeechToken(3, 40));
  });
});

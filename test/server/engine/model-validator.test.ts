import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { graphFile } from '../../../models/contract.ts';
import { encodeModel } from '../../../models/onnx/onnx-writer.ts';
import { buildEmbedTokensGraph } from '../../../models/tiny/graphs/embed-tokens.graph.ts';
import { buildLanguageModelGraph } from '../../../models/tiny/graphs/language-model.graph.ts';
import { createEngine } from '../../../server/engine/index.ts';
import { validateModelDir } from '../../../server/engine/model-validator.ts';
import { useTinyModelCopies } from './tiny-model.fixture.ts';

const tiny = useTinyModelCopies('validator-test-');
const { copyOfTiny } = tiny;

describe('validateModelDir', () => {
  it('accepts the tiny model for fp32 and the float16-KV q4f16 variant', async () => {
    await validateModelDir(tiny.tinyDir, 'fp32');
    await validateModelDir(tiny.tinyDir, 'q4f16');
  });

  it('rejects a graph with a renamed input, naming it', async () => {
    const dir = await copyOfTiny('renamed');
    const spec = buildEmbedTokensGraph();
    spec.inputs.find((i) => i.name === 'position_ids')!.name = 'positions';
    for (const node of spec.nodes) node.inputs = node.inputs.map((n) => (n === 'position_ids' ? 'positions' : n));
    await writeFile(join(dir, graphFile('embed_tokens', 'fp32')), encodeModel(spec));
    await assert.rejects(validateModelDir(dir, 'fp32'), (error: Error) => {
      assert.equal(error.name, 'ModelContractError');
      assert.match(error.message, /embed_tokens: input 'position_ids' is missing/);
      assert.match(error.message, /embed_tokens: unexpected input 'positions'/);
      return true;
    });
  });

  it('rejects a KV cache with the wrong head count and a wrong dtype, naming the tensor and axis', async () => {
    const dir = await copyOfTiny('wrong-shape');
    const spec = buildLanguageModelGraph();
    spec.inputs.find((i) => i.name === 'past_key_values.7.value')!.shape = ['batch_size', 8, 'past_sequence_length', 64];
    spec.inputs.find((i) => i.name === 'attention_mask')!.type = 'float32';
    await writeFile(join(dir, graphFile('language_model', 'fp32')), encodeModel(spec));
    await assert.rejects(validateModelDir(dir, 'fp32'), (error: Error) => {
      assert.match(error.message, /input 'past_key_values\.7\.value' has size 8 on axis 1, expected 16/);
      assert.match(error.message, /input 'attention_mask' has type float32, expected int64/);
      return true;
    });
  });

  it('names missing graph files of the requested variant', async () => {
    await assert.rejects(validateModelDir(tiny.tinyDir, 'q4'), /onnx\/language_model_q4\.onnx is missing/);
  });

  it('makes createEngine refuse a mismatched model before loading it', async () => {
    const dir = await copyOfTiny('engine-refuses');
    const spec = buildEmbedTokensGraph();
    spec.outputs[0]!.name = 'embeddings';
    spec.nodes.at(-1)!.outputs = ['embeddings'];
    await writeFile(join(dir, graphFile('embed_tokens', 'fp32')), encodeModel(spec));
    await assert.rejects(createEngine({ modelDir: dir }), /embed_tokens: output 'inputs_embeds' is missing/);
  });

  it('accepts outputs with unnamed (?) or undeclared dims, as q4/q4f16 exports may have, but not a wrong dtype', async () => {
    const dir = await copyOfTiny('loose-outputs');
    const spec = buildLanguageModelGraph();
    spec.outputs.find((o) => o.name === 'logits')!.shape = [];
    spec.outputs.find((o) => o.name === 'present.3.key')!.shape = ['batch_size', 16, 'total_sequence_length'];
    await writeFile(join(dir, graphFile('language_model', 'fp32')), encodeModel(spec));
    await validateModelDir(dir, 'fp32');
    spec.outputs.find((o) => o.name === 'logits')!.type = 'int64';
    await writeFile(join(dir, graphFile('language_model', 'fp32')), encodeModel(spec));
    await assert.rejects(validateModelDir(dir, 'fp32'), /output 'logits' has type int64, expected float32 or float16/);
  });
});

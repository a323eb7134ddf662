/** The first-contact kit (npm run models:verify) on the tiny model and on three broken copies of it. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { graphFile } from '../../../models/contract.ts';
import { encodeModelWithData } from '../../../models/onnx/onnx-writer.ts';
import { buildConditionalDecoderGraph } from '../../../models/tiny/graphs/conditional-decoder.graph.ts';
import { verifyModel, type Check } from '../../../server/composition/verify/model-check.ts';
import { formatReport } from '../../../server/composition/verify/report.ts';
import { useTinyModelCopies } from '../engine/tiny-model.fixture.ts';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const tiny = useTinyModelCopies('verify-test-');
const { copyOfTiny } = tiny;

const verify = (dir: string, languages: Array<'en' | 'zh'> = ['en', 'zh']) => verifyModel({ dir, variant: 'q4f16', languages, workDir: tiny.work });
const failures = (checks: Check[]) => checks.filter((c) => c.status === 'fail').map((c) => `${c.name}: ${c.detail}`);

describe('verifyModel', () => {
  it('passes on the tiny model: files, hashes, sidecars, contract, tokenizer, CFG row, seeded noise, batch 2, synthesis', async () => {
    const checks = await verify(tiny.tinyDir);
    assert.deepEqual(failures(checks), []);
    const names = checks.map((c) => c.name);
    for (const name of ['files', 'sidecars', 'contract', 'tokenizer', 'cfg row', 'decoder noise', 'batch 2', 'synthesis en', 'synthesis zh']) assert.ok(names.includes(name), name);
    assert.match(formatReport('tiny', checks), /^Result: OK, all \d+ checks passed$/m);
  });

  it('fails on a decoder whose output was renamed, naming the output', async () => {
    const dir = await copyOfTiny('renamed-output');
    const spec = buildConditionalDecoderGraph();
    spec.outputs[0]!.name = 'wav';
    spec.nodes.at(-1)!.outputs = ['wav'];
    const encoded = encodeModelWithData(spec, { location: 'conditional_decoder.onnx_data', minBytes: 128 });
    await writeFile(join(dir, graphFile('conditional_decoder', 'fp32')), encoded.model);
    const checks = await verify(dir);
    assert.ok(failures(checks).includes("contract: conditional_decoder: output 'waveform' is missing"), failures(checks).join('\n'));
    assert.equal(checks.at(-1)!.status, 'skip');
  });

  it('fails on a truncated external-data sidecar, naming the file and the missing bytes', async () => {
    const dir = await copyOfTiny('truncated-sidecar');
    const sidecar = join(dir, 'onnx/embed_tokens.onnx_data');
    await truncate(sidecar, 4_000_000);
    const found = failures(await verify(dir));
    assert.ok(found.some((f) => /^sidecars: embed_tokens\.onnx_data is truncated: 4000000 bytes, the graph reads up to byte \d+$/.test(f)), found.join('\n'));
    assert.ok(found.some((f) => /^files: onnx\/embed_tokens\.onnx_data has 4000000 bytes/.test(f)));
  });

  it('fails on a tokenizer missing a language tag, naming the tag', async () => {
    const dir = await copyOfTiny('missing-tag');
    const path = join(dir, 'tokenizer.json');
    const json = JSON.parse(await readFile(path, 'utf8')) as { added_tokens: Array<{ content: string }>; model: { vocab: Record<string, number> } };
    json.added_tokens = json.added_tokens.filter((t) => t.content !== '[sw]');
    delete json.model.vocab['[sw]'];
    await writeFile(path, JSON.stringify(json));
    assert.ok(failures(await verify(dir)).includes('tokenizer: language tag [sw] is missing'));
  });

  it('prints the report and exits 1 from the command line when a check fails', () => {
    const dir = join(tiny.work, 'missing-tag');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/composition/verify/verify.cli.ts', '--model', dir, '--brief'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^FAIL\s+tokenizer\s+language tag \[sw\] is missing$/m);
    assert.match(run.stdout, /^Result: FAILED, 2 of \d+ checks failed$/m);
  });
});

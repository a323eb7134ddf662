import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MODEL_REVISION } from '../../models/manifest.ts';
import { resolveModel } from '../../models/resolve.ts';

let cacheDir: string;
before(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'resolve-test-'));
});
after(() => rm(cacheDir, { recursive: true, force: true }));

describe('resolveModel', () => {
  it('generates the tiny model into the cache once and reuses it', async () => {
    const first = await resolveModel({ model: 'tiny', cacheDir });
    assert.deepEqual(first, { dir: join(cacheDir, 'tiny'), name: 'tiny', variant: 'q4f16' });
    const marker = await stat(join(first.dir, 'tiny-model.json'));
    await resolveModel({ model: 'tiny', cacheDir });
    assert.equal((await stat(join(first.dir, 'tiny-model.json'))).mtimeMs, marker.mtimeMs);
  });

  it('resolves tiny-slow into its own folder', async () => {
    const slow = await resolveModel({ model: 'tiny-slow', cacheDir });
    assert.equal(slow.dir, join(cacheDir, 'tiny-slow'));
  });

  it('uses an absolute folder as it is, picking the language model it holds', async () => {
    const tiny = await resolveModel({ model: 'tiny', cacheDir });
    assert.deepEqual(await resolveModel({ model: tiny.dir, cacheDir }), { dir: tiny.dir, name: 'tiny', variant: 'q4f16' });
  });

  it('refuses a real variant that is not downloaded when downloads are off, naming files and URLs', async () => {
    await assert.rejects(resolveModel({ model: 'q4', cacheDir }), (error: Error) => {
      assert.equal(error.name, 'ModelFilesMissingError');
      assert.match(error.message, /onnx\/language_model_q4\.onnx_data \(353621248 bytes, sha256 e79ab878[0-9a-f]{56}\)/);
      assert.ok(error.message.includes(`/resolve/${MODEL_REVISION}/onnx/speech_encoder.onnx`));
      assert.match(error.message, /copy each to/);
      return true;
    });
  });

  it('rejects an unknown model name with the accepted values', async () => {
    await assert.rejects(resolveModel({ model: 'q8', cacheDir }), /tiny, tiny-slow, fp32, fp16, q4, q4f16/);
  });
});

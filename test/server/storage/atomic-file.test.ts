import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TEMP_PREFIX, removeStaleTempFiles, writeFileAtomic } from '../../../server/storage/atomic-file.ts';

describe('atomic file writes', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'chatterbox-atomic-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('writes the whole file and leaves no temp file', async () => {
    const data = new Uint8Array(100_000).map((_, i) => i % 251);
    await writeFileAtomic(join(dir, 'a.wav'), data);
    assert.deepEqual(new Uint8Array(await readFile(join(dir, 'a.wav'))), data);
    assert.deepEqual(await readdir(dir), ['a.wav']);
  });

  it('replaces an existing file in one step', async () => {
    await writeFileAtomic(join(dir, 'b.wav'), new Uint8Array([1, 2, 3]));
    await writeFileAtomic(join(dir, 'b.wav'), new Uint8Array([4, 5]));
    assert.deepEqual([...(await readFile(join(dir, 'b.wav')))], [4, 5]);
  });

  it('never shows a partial file to concurrent readers', async () => {
    const big = new Uint8Array(2_000_000).fill(7);
    const path = join(dir, 'c.wav');
    const writes = Array.from({ length: 5 }, () => writeFileAtomic(path, big));
    const sizes: number[] = [];
    for (let i = 0; i < 20; i += 1) sizes.push(await readFile(path).then((b) => b.length, () => 0));
    await Promise.all(writes);
    assert.ok(sizes.every((size) => size === 0 || size === big.length), `saw sizes ${[...new Set(sizes)].join(',')}`);
  });

  it('fails without leaving anything when the folder does not exist', async () => {
    await assert.rejects(writeFileAtomic(join(dir, 'missing', 'x.wav'), new Uint8Array([1])));
    assert.ok(!(await readdir(dir)).some((name) => name.startsWith(TEMP_PREFIX)));
  });

  it('removes temp files a crash left behind, and nothing else', async () => {
    await writeFile(join(dir, `${TEMP_PREFIX}abc-d.wav`), 'partial');
    assert.equal(await removeStaleTempFiles(dir), 1);
    assert.ok((await readdir(dir)).includes('a.wav'));
  });
});

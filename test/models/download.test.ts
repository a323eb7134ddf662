import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { downloadModel, type DownloadProgress } from '../../models/download.ts';
import { MODEL_REPO, MODEL_REVISION } from '../../models/manifest.ts';

const content = new Map<string, Buffer>([
  ['onnx/a.onnx', Buffer.from('graph bytes of a')],
  ['tokenizer.json', Buffer.alloc(5000, 7)],
]);
const files = [...content].map(([path, data]) => ({ path, bytes: data.length }));
const requests: Array<{ url: string; range?: string }> = [];
let server: Server;
let baseUrl: string;
let work: string;

before(async () => {
  server = createServer((req, res) => {
    requests.push({ url: req.url!, range: req.headers.range });
    const path = req.url!.replace(`/${MODEL_REPO}/resolve/${MODEL_REVISION}/`, '');
    const data = content.get(path);
    const range = /bytes=(\d+)-/.exec(req.headers.range ?? '');
    if (!data) res.writeHead(404).end();
    else if (range) res.writeHead(206).end(data.subarray(Number(range[1])));
    else res.writeHead(200).end(data);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  work = await mkdtemp(join(tmpdir(), 'download-test-'));
});
after(async () => {
  server.close();
  await rm(work, { recursive: true, force: true });
});

describe('downloadModel', () => {
  it('fetches every file from the pinned revision and reports progress up to the total', async () => {
    const dir = join(work, 'fresh');
    const progress: DownloadProgress[] = [];
    await downloadModel({ dir, variant: 'q4', baseUrl, files, onProgress: (p) => progress.push(p) });
    for (const [path, data] of content) assert.deepEqual(await readFile(join(dir, path)), data);
    assert.equal(progress.at(-1)!.bytes, 5016);
    assert.equal(progress.at(-1)!.totalBytes, 5016);
  });

  it('resumes a partial file with a Range request', async () => {
    const dir = join(work, 'resume');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'tokenizer.json.part'), content.get('tokenizer.json')!.subarray(0, 1200));
    requests.length = 0;
    await downloadModel({ dir, variant: 'q4', baseUrl, files: files.filter((f) => f.path === 'tokenizer.json') });
    assert.deepEqual(requests.map((r) => r.range), ['bytes=1200-']);
    assert.deepEqual(await readFile(join(dir, 'tokenizer.json')), content.get('tokenizer.json'));
  });

  it('skips files already present with the right size', async () => {
    const dir = join(work, 'fresh');
    requests.length = 0;
    await downloadModel({ dir, variant: 'q4', baseUrl, files });
    assert.equal(requests.length, 0);
  });

  it('refuses a file whose size differs from the manifest', async () => {
    const dir = join(work, 'wrong-size');
    await assert.rejects(downloadModel({ dir, variant: 'q4', baseUrl, files: [{ path: 'onnx/a.onnx', bytes: 99 }] }), /got 16 bytes, expected 99/);
  });

  it('fails offline with the list of missing files and how to place them by hand', async () => {
    const dir = join(work, 'offline');
    await assert.rejects(downloadModel({ dir, variant: 'q4', baseUrl: 'http://127.0.0.1:9', files }), (error: Error) => {
      assert.equal(error.name, 'ModelFilesMissingError');
      assert.match(error.message, /Downloading onnx\/a\.onnx failed/);
      assert.match(error.message, /onnx\/a\.onnx \(16 bytes\)/);
      assert.match(error.message, /tokenizer\.json \(5000 bytes\)/);
      assert.match(error.message, /keeping the file names/);
      return true;
    });
  });
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { downloadModel, missingFiles, type DownloadProgress } from '../../models/download.ts';
import { MODEL_REPO, MODEL_REVISION, type ManifestFile } from '../../models/manifest.ts';
import { VERIFIED_FILE } from '../../models/verify-cache.ts';

const content = new Map<string, Buffer>([
  ['onnx/a.onnx', Buffer.from('graph bytes of a')],
  ['tokenizer.json', Buffer.alloc(5000, 7)],
]);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const files: ManifestFile[] = [...content].map(([path, data]) => ({ path, bytes: data.length, sha256: sha256(data) }));
const tokenizer = files.find((f) => f.path === 'tokenizer.json')!;
const HUB_PREFIX = `/${MODEL_REPO}/resolve/${MODEL_REVISION}/`;
const TOKEN = 'hf_test_token';

/** How the loopback hub behaves in the current test. */
const behaviour = { requireToken: false, rangesAnswer416: false, corrupt: false };
const requests: Array<{ url: string; range?: string; authorization?: string }> = [];
let server: Server;
let baseUrl: string;
let work: string;

function serve(req: IncomingMessage, res: ServerResponse): void {
  requests.push({ url: req.url!, range: req.headers.range, authorization: req.headers.authorization });
  if (req.url!.startsWith(HUB_PREFIX)) {
    // The hub answers with a redirect to its CDN, like the real one.
    if (behaviour.requireToken && req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401).end();
    return void res.writeHead(302, { location: `/cdn/${req.url!.slice(HUB_PREFIX.length)}` }).end();
  }
  const path = req.url!.replace(/^\/(cdn|mirror)\//, '');
  const data = content.get(path);
  if (!data) return void res.writeHead(404).end();
  const body = behaviour.corrupt ? Buffer.alloc(data.length, 1) : data;
  const range = /bytes=(\d+)-/.exec(req.headers.range ?? '');
  if (range && (behaviour.rangesAnswer416 || Number(range[1]) >= body.length)) return void res.writeHead(416).end();
  if (range) return void res.writeHead(206).end(body.subarray(Number(range[1])));
  res.writeHead(200).end(body);
}

before(async () => {
  server = createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  work = await mkdtemp(join(tmpdir(), 'download-test-'));
});
beforeEach(() => {
  Object.assign(behaviour, { requireToken: false, rangesAnswer416: false, corrupt: false });
  requests.length = 0;
});
after(async () => {
  server.close();
  await rm(work, { recursive: true, force: true });
});

describe('downloadModel', () => {
  it('fetches every file from the pinned revision through the hub redirect, checks SHA-256 and reports progress', async () => {
    const dir = join(work, 'fresh');
    const progress: DownloadProgress[] = [];
    await downloadModel({ dir, variant: 'q4', baseUrl, files, onProgress: (p) => progress.push(p) });
    for (const [path, data] of content) assert.deepEqual(await readFile(join(dir, path)), data);
    assert.equal(progress.at(-1)!.bytes, 5016);
    assert.equal(progress.at(-1)!.totalBytes, 5016);
    assert.ok(requests.some((r) => r.url.startsWith('/cdn/')));
  });

  it('resumes a partial file with a Range request', async () => {
    const dir = join(work, 'resume');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'tokenizer.json.part'), content.get('tokenizer.json')!.subarray(0, 1200));
    await downloadModel({ dir, variant: 'q4', baseUrl, files: [tokenizer] });
    assert.deepEqual(requests.filter((r) => r.url.startsWith('/cdn/')).map((r) => r.range), ['bytes=1200-']);
    assert.deepEqual(await readFile(join(dir, 'tokenizer.json')), content.get('tokenizer.json'));
  });

  it('deletes a .part the server answers with 416 and downloads the file whole', async () => {
    const dir = join(work, 'stale-part');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'tokenizer.json.part'), Buffer.alloc(1200, 3));
    behaviour.rangesAnswer416 = true;
    await downloadModel({ dir, variant: 'q4', baseUrl, files: [tokenizer] });
    assert.deepEqual(requests.filter((r) => r.url.startsWith('/cdn/')).map((r) => r.range), ['bytes=1200-', undefined]);
    assert.deepEqual(await readFile(join(dir, 'tokenizer.json')), content.get('tokenizer.json'));
  });

  it('refuses a download whose SHA-256 differs from the pin, and keeps neither file nor .part', async () => {
    const dir = join(work, 'corrupt');
    behaviour.corrupt = true;
    await assert.rejects(downloadModel({ dir, variant: 'q4', baseUrl, files: [tokenizer] }), /SHA-256 [0-9a-f]{64} does not match the pinned/);
    await assert.rejects(stat(join(dir, 'tokenizer.json')));
    await assert.rejects(stat(join(dir, 'tokenizer.json.part')));
  });

  it('accepts a correct file placed by hand without a request, hashing it once', async () => {
    const dir = join(work, 'by-hand');
    await mkdir(join(dir, 'onnx'), { recursive: true });
    for (const [path, data] of content) await writeFile(join(dir, path), data);
    await downloadModel({ dir, variant: 'q4', baseUrl, files });
    assert.equal(requests.length, 0);
    const verified = JSON.parse(await readFile(join(dir, VERIFIED_FILE), 'utf8')) as Record<string, { sha256: string }>;
    assert.equal(verified['tokenizer.json']!.sha256, tokenizer.sha256);
  });

  it('counts a hand-placed file of the right size but wrong content as missing', async () => {
    const dir = join(work, 'wrong-by-hand');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'tokenizer.json'), Buffer.alloc(5000, 9));
    assert.deepEqual(await missingFiles(dir, [tokenizer]), [tokenizer]);
  });

  it('sends HF_TOKEN to the hub, and uses a mirror (without the token) when one is set', async () => {
    behaviour.requireToken = true;
    await downloadModel({ dir: join(work, 'token'), variant: 'q4', baseUrl, token: TOKEN, files: [tokenizer] });
    assert.equal(requests[0]!.authorization, `Bearer ${TOKEN}`);
    requests.length = 0;
    await downloadModel({ dir: join(work, 'mirror'), variant: 'q4', baseUrl, token: TOKEN, mirrorUrl: `${baseUrl}/mirror/`, files: [tokenizer] });
    assert.deepEqual(requests.map((r) => [r.url, r.authorization]), [['/mirror/tokenizer.json', undefined]]);
  });

  it('fails offline with the list of missing files, their hashes and how to place them by hand', async () => {
    const dir = join(work, 'offline');
    await assert.rejects(downloadModel({ dir, variant: 'q4', baseUrl: 'http://127.0.0.1:9', files }), (error: Error) => {
      assert.equal(error.name, 'ModelFilesMissingError');
      assert.match(error.message, /Downloading onnx\/a\.onnx failed/);
      assert.match(error.message, new RegExp(`onnx/a\\.onnx \\(16 bytes, sha256 ${files[0]!.sha256}\\)`));
      assert.match(error.message, /tokenizer\.json \(5000 bytes/);
      assert.match(error.message, /keeping the file names/);
      return true;
    });
  });
});

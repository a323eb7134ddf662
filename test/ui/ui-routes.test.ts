import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Koa from 'koa';
import { createUiRouter } from '../../server/http/routes/ui.routes.ts';

/** Relative `import … from './x.js'` specifiers of a browser module. */
function importsOf(source: string): string[] {
  return [...source.matchAll(/^\s*import\s[^;]*?from\s+['"]([^'"]+)['"]/gm)].map(
    (match) => match[1],
  );
}

/** A conditional GET as a browser sends it (fetch() would add `Cache-Control: no-cache`). */
function conditionalGet(url: string, etag: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'If-None-Match': etag } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes }));
    }).on('error', reject);
  });
}

describe('GET /ui (web client static files)', () => {
  let server: ReturnType<Koa['listen']>;
  let base = '';

  before(async () => {
    const app = new Koa();
    const router = createUiRouter();
    app.use(router.routes()).use(router.allowedMethods());
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  it('serves the page at /ui and /ui/ as UTF-8 HTML with a content security policy', async () => {
    for (const path of ['/ui', '/ui/']) {
      const response = await fetch(base + path);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'self'/);
      assert.match(await response.text(), /<script type="module" src="\/ui\/app\.js">/);
    }
  });

  it('serves scripts and styles with their content types, revalidation headers and nosniff', async () => {
    const script = await fetch(`${base}/ui/app.js`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /^(application|text)\/javascript/);
    assert.equal(script.headers.get('cache-control'), 'no-cache');
    assert.ok(script.headers.get('etag'));
    assert.ok(script.headers.get('last-modified'));
    assert.equal(script.headers.get('x-content-type-options'), 'nosniff');
    const styles = await fetch(`${base}/ui/styles.css`);
    assert.match(styles.headers.get('content-type') ?? '', /^text\/css/);
  });

  it('answers 304 when the browser already has the current file', async () => {
    const first = await fetch(`${base}/ui/styles.css`);
    await first.arrayBuffer();
    const second = await conditionalGet(`${base}/ui/styles.css`, first.headers.get('etag') ?? '');
    assert.equal(second.status, 304);
    assert.equal(second.bytes, 0);
  });

  it('serves every module the page imports, including the vendored SSE parser', async () => {
    const pending = ['app.js'];
    const seen = new Set<string>();
    while (pending.length > 0) {
      const path = pending.pop() as string;
      if (seen.has(path)) continue;
      seen.add(path);
      const response = await fetch(`${base}/ui/${path}`);
      assert.equal(response.status, 200, `/ui/${path}`);
      const source = await response.text();
      for (const specifier of importsOf(source)) {
        pending.push(new URL(specifier, `http://x/${path}`).pathname.slice(1));
      }
    }
    assert.ok(seen.has('vendor/eventsource-parser/stream.js'));
    assert.ok(seen.has('vendor/eventsource-parser/index.js'));
  });

  it('answers HEAD like GET without a body', async () => {
    const response = await fetch(`${base}/ui/app.js`, { method: 'HEAD' });
    assert.equal(response.status, 200);
    assert.ok(Number(response.headers.get('content-length')) > 0);
  });

  it('answers 404 for unknown files and for paths that try to leave the folder', async () => {
    for (const path of [
      '/ui/missing.js',
      '/ui/%2e%2e/routes/ui.routes.ts',
      '/ui/..%2f..%2fpackage.json',
      '/ui/vendor/eventsource-parser/index.cjs',
      '/ui/modules/',
    ]) {
      const response = await fetch(base + path);
      assert.equal(response.status, 404, path);
    }
  });

  it('lists only files that are in the page folder', () => {
    const html = readFileSync(new URL('../../server/http/ui/index.html', import.meta.url), 'utf8');
    for (const [, href] of html.matchAll(/(?:src|href)="\/ui\/([^"]+)"/g)) {
      assert.doesNotThrow(
        () => readFileSync(new URL(`../../server/http/ui/${href}`, import.meta.url)),
        href,
      );
    }
  });
});

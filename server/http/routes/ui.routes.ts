/**
 * GET /ui: the web test client, static files from server/http/ui/ plus the browser build of
 * eventsource-parser straight from node_modules (no build step, no CDN).
 *
 * Only files that exist when the router is created are served (an allowlist, so no request
 * path ever reaches the file system). Names are not content-hashed, so every response says
 * `Cache-Control: no-cache` with an ETag and Last-Modified: browsers revalidate and get a
 * cheap 304 until a file changes, and never run a stale app.js after an upgrade.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import Router from '@koa/router';
import { send } from '@koa/send';
import type { Context } from 'koa';
import { NotFoundError } from '../../shared/errors/not-found-error.ts';
import { REPO_ROOT } from '../../shared/runtime-paths.ts';

/** URL prefix of the page; the API contract names it. */
const UI_PATH = '/ui';
// From the sources also in the build: the page is static files, not compiled.
const UI_ROOT = `${REPO_ROOT}server/http/ui/`;
/** Extensions the page is made of; anything else in the folder (notes, editor files) stays private. */
const SERVED_EXTENSIONS = ['.html', '.js', '.css', '.svg', '.png', '.ico', '.webmanifest'];

/** Browser libraries taken from node_modules: URL folder under /ui/vendor/ -> files to expose. */
const VENDORED: Record<string, { packageJson: string; folder: string; files: string[] }> = {
  'eventsource-parser': {
    packageJson: 'eventsource-parser/package.json',
    folder: 'dist',
    files: ['index.js', 'stream.js'],
  },
};

/**
 * The page only talks to its own origin by default; `connect-src` also allows other http(s)
 * services because the settings panel can point the page at one (it must allow CORS).
 * Audio plays from blob: URLs created after an authenticated fetch.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self' http: https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface ServedFile {
  root: string;
  path: string;
}

/** Maps each servable URL path below /ui/ to its file. */
function buildAllowlist(): Map<string, ServedFile> {
  const files = new Map<string, ServedFile>();
  for (const entry of readdirSync(UI_ROOT, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !SERVED_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) continue;
    const path = relative(UI_ROOT, join(entry.parentPath, entry.name));
    if (path.split(sep).some((part) => part.startsWith('.'))) continue;
    files.set(path.split(sep).join('/'), { root: UI_ROOT, path });
  }
  const require = createRequire(import.meta.url);
  for (const [name, vendored] of Object.entries(VENDORED)) {
    const root = join(dirname(require.resolve(vendored.packageJson)), vendored.folder);
    for (const file of vendored.files) files.set(`vendor/${name}/${file}`, { root, path: file });
  }
  return files;
}

async function serve(ctx: Context, file: ServedFile): Promise<void> {
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'no-referrer');
  if (file.path.endsWith('.html')) ctx.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  await send(ctx, file.path, {
    root: file.root,
    // Precompressed siblings are not shipped; skip the extra stat calls.
    gzip: false,
    brotli: false,
    setHeaders: (res, _path, stats) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader(
        'ETag',
        `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`,
      );
    },
  });
  if (ctx.fresh) ctx.status = 304;
}

/** Router for GET/HEAD /ui, /ui/ and /ui/<asset>. Mount with `app.use(router.routes())`. */
export function createUiRouter(): Router {
  const files = buildAllowlist();
  const index = files.get('index.html');
  if (!index) throw new Error(`web client missing: ${join(UI_ROOT, 'index.html')}`);
  const router = new Router();
  router.get([UI_PATH, `${UI_PATH}/`], (ctx) => serve(ctx, index));
  router.get(`${UI_PATH}/{*asset}`, async (ctx) => {
    const file = files.get(String(ctx.params.asset ?? ''));
    if (!file) throw new NotFoundError(`no such file in the web client: ${ctx.path}`);
    await serve(ctx, file);
  });
  return router;
}

/**
 * Where the running code lives: from source under tsx (server/shared/runtime-paths.ts), or
 * from the build (npm run build:server: server/dist/server/shared/runtime-paths.js, two
 * folders deeper, beside server/node_modules so packages resolve the same).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BUILT_FOLDER = '/server/dist/server/shared/';
const RUNS_BUILT = new URL('.', import.meta.url).pathname.endsWith(BUILT_FOLDER);

/** The repository (install) root, where defaults such as data/ and models/cache live. */
export const REPO_ROOT = fileURLToPath(new URL(RUNS_BUILT ? '../../../../' : '../../', import.meta.url));

/** The service's version (server/package.json). */
export function serviceVersion(): string {
  return (JSON.parse(readFileSync(`${REPO_ROOT}server/package.json`, 'utf8')) as { version: string }).version;
}

/**
 * Entry of a worker thread named `name` beside `base` (the caller's import.meta.url). Under tsx
 * it is the plain `<name>.mjs` that registers tsx (Node 20 does not for worker threads); the
 * build runs the compiled `<name>.js` directly.
 */
export function threadEntry(name: string, base: string): URL {
  return new URL(`./${name}${RUNS_BUILT ? '.js' : '.mjs'}`, base);
}

/**
 * The repository (install) root, where defaults such as data/ and models/cache live. This file
 * is server/shared/repo-root.ts under tsx, or server/dist/server/shared/repo-root.js in the
 * build (npm run build:server), two folders deeper.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BUILT_FOLDER = '/server/dist/server/shared/';

export const REPO_ROOT = fileURLToPath(new URL(new URL('.', import.meta.url).pathname.endsWith(BUILT_FOLDER) ? '../../../../' : '../../', import.meta.url));

/** The service's version (server/package.json). */
export function serviceVersion(): string {
  return (JSON.parse(readFileSync(`${REPO_ROOT}server/package.json`, 'utf8')) as { version: string }).version;
}

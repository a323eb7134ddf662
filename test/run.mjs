#!/usr/bin/env node
// Runs the test suite with node's own test runner on the TypeScript sources (through tsx).
// Node 20 has no glob support in `node --test`, so the files are found here.
// Usage: node test/run.mjs [folder-or-file ...]   (default: everything under test/ except e2e/)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const roots = args.length > 0 ? args : ['test'];
const excluded = args.length > 0 ? [] : [join('test', 'e2e')];

function findTests(path) {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { recursive: true })
    .map((name) => join(path, name))
    .filter((file) => file.endsWith('.test.ts') && !excluded.some((dir) => file.startsWith(dir)));
}

const files = roots.flatMap((path) => findTests(relative(root, join(root, path)) || path)).sort();
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);

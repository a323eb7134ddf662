#!/usr/bin/env node
// Runs the test suite with node's own test runner on the TypeScript sources (through tsx).
// Node 20 has no glob support in `node --test`, so the files are found here.
// Usage: node test/run.mjs [folder-or-file ...]   (default: everything under test/ except e2e/)
// Suites that need something outside npm skip when it is missing (test/support/requirements.ts)
// and log why; the run ends with a summary of those skips and how to install what they need.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** What the suites skipped, one line per missing thing, with the files and the remedy. */
function skipSummary(logFile) {
  let lines = [];
  try {
    lines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
  } catch {
    // no suite skipped: the log was never written
  }
  const byWhat = new Map();
  for (const { what, install, file } of lines.map((line) => JSON.parse(line))) {
    const entry = byWhat.get(what) ?? { install, files: new Set() };
    entry.files.add(file);
    byWhat.set(what, entry);
  }
  const summary = [...byWhat].map(
    ([what, { install, files }]) => `  - ${what}: skipped ${[...files].sort().join(', ')}\n    get it: ${install}`,
  );
  if (excluded.length > 0) summary.push('  - real n8n (test/e2e) is not part of this run: npm run test:e2e');
  return summary.length === 0 ? '' : `\nSkipped, for want of something outside npm:\n${summary.join('\n')}\n`;
}

const files = roots.flatMap((path) => findTests(relative(root, join(root, path)) || path)).sort();
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}
const logDir = mkdtempSync(join(tmpdir(), 'chatterbox-test-skips-'));
const logFile = join(logDir, 'skips.jsonl');
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CHATTERBOX_TEST_SKIP_LOG: logFile },
});
process.stdout.write(skipSummary(logFile));
rmSync(logDir, { recursive: true, force: true });
process.exit(result.status ?? 1);

/**
 * The published n8n package (built and packed by .ci/n8n-package.mjs from dist/n8n-package/):
 * its package.json carries only what a community package needs, n8n's rules for codex and
 * strict mode hold, and the tarball installs the way n8n's community-package installer does
 * it (unpack, drop dev/peer/optional dependencies, `npm install --ignore-scripts` in the
 * folder), offline, with nothing to download, and the node module loads.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PACKAGE_NAME = 'n8n-nodes-chatterbox';
/** Codex categories n8n's node panel knows ("Node codex files" in n8n's docs). */
const CODEX_CATEGORIES = [
  'Analytics',
  'Communication',
  'Data & Storage',
  'Development',
  'Finance & Accounting',
  'Marketing & Content',
  'Miscellaneous',
  'Productivity',
  'Sales',
  'Utility',
];

interface Manifest {
  name: string;
  files: string[];
  n8n: { strict: boolean; nodes: string[]; credentials: string[]; n8nNodesApiVersion: number };
  peerDependencies?: Record<string, string>;
  [field: string]: unknown;
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  assert.equal(
    result.status,
    0,
    `${command} ${args.join(' ')}:\n${result.stdout}\n${result.stderr}`,
  );
  return result.stdout;
}

let work: string;
let tarball: string;

before(() => {
  work = mkdtempSync(join(tmpdir(), 'chatterbox-n8n-package-'));
  tarball = run('node', ['.ci/n8n-package.mjs', 'pack', work], ROOT).trim().split('\n').pop()!;
});
after(() => rmSync(work, { recursive: true, force: true }));

describe('the published n8n package', () => {
  test('package.json has the n8n section in strict mode and no dev-only fields', () => {
    const manifest = JSON.parse(
      run('tar', ['-xzOf', tarball, 'package/package.json'], ROOT),
    ) as Manifest;
    assert.equal(manifest.name, PACKAGE_NAME);
    assert.ok((manifest.keywords as string[]).includes('n8n-community-node-package'));
    assert.equal(manifest.license, 'MIT');
    assert.deepEqual(manifest.n8n, {
      n8nNodesApiVersion: 1,
      strict: true,
      credentials: ['dist/credentials/ChatterboxApi.credentials.js'],
      nodes: ['dist/nodes/ChatterboxTts/ChatterboxTts.node.js'],
    });
    assert.deepEqual(manifest.peerDependencies, { 'n8n-workflow': '*' });
    for (const field of [
      'dependencies',
      'devDependencies',
      'workspaces',
      'scripts',
      'allowScripts',
      'private',
    ]) {
      assert.equal(manifest[field], undefined, `package.json has "${field}"`);
    }
  });

  test('holds the built node, its codex and icons, README and LICENSE, and nothing else', () => {
    const files = run('tar', ['-tzf', tarball], ROOT)
      .trim()
      .split('\n')
      .map((file) => file.replace(/^package\//, ''));
    assert.deepEqual(
      files.filter((file) => !/^(dist\/|package\.json$|README\.md$|LICENSE$)/.test(file)),
      [],
    );
    for (const file of [
      'LICENSE',
      'README.md',
      'dist/nodes/ChatterboxTts/ChatterboxTts.node.js',
      'dist/nodes/ChatterboxTts/ChatterboxTts.node.json',
      'dist/nodes/ChatterboxTts/chatterbox.svg',
      'dist/credentials/ChatterboxApi.credentials.js',
    ]) {
      assert.ok(files.includes(file), `${file} is missing`);
    }
  });

  test('its codex uses only categories n8n knows, without subcategories', () => {
    const codex = JSON.parse(
      readFileSync(join(ROOT, 'nodes', 'ChatterboxTts', 'ChatterboxTts.node.json'), 'utf8'),
    ) as { node: string; categories: string[]; subcategories?: unknown };
    assert.equal(codex.node, `${PACKAGE_NAME}.chatterboxTts`);
    assert.ok(codex.categories.length > 0);
    for (const category of codex.categories)
      assert.ok(CODEX_CATEGORIES.includes(category), category);
    assert.equal(codex.subcategories, undefined);
  });

  test("installs offline the way n8n's community-package installer does, and the node loads", () => {
    // ~/.n8n/nodes/node_modules/<name>: unpacked there, dependencies n8n does not want dropped.
    const folder = join(work, 'nodes', 'node_modules', PACKAGE_NAME);
    mkdirSync(folder, { recursive: true });
    run('tar', ['-xzf', tarball, '-C', folder, '--strip-components=1'], ROOT);
    const manifestPath = join(folder, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    delete manifest.devDependencies;
    delete manifest.peerDependencies;
    delete manifest.optionalDependencies;
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    // An empty cache and --offline: anything to download would fail the install.
    const emptyCache = join(work, 'empty-npm-cache');
    run(
      'npm',
      [
        'install',
        '--offline',
        `--cache=${emptyCache}`,
        '--ignore-scripts',
        '--omit=dev',
        '--audit=false',
        '--fund=false',
        '--package-lock=false',
      ],
      folder,
    );
    const installed = existsSync(join(folder, 'node_modules'))
      ? readdirSync(join(folder, 'node_modules')).filter((name) => !name.startsWith('.'))
      : [];
    assert.deepEqual(installed, []);

    // n8n resolves `n8n-workflow` to its own copy; here the repository's stands in for it.
    const load = `
      const { ChatterboxTts } = require(${JSON.stringify(join(folder, 'dist/nodes/ChatterboxTts/ChatterboxTts.node.js'))});
      const { ChatterboxApi } = require(${JSON.stringify(join(folder, 'dist/credentials/ChatterboxApi.credentials.js'))});
      console.log(JSON.stringify([new ChatterboxTts().description.name, new ChatterboxApi().name]));
    `;
    const result = spawnSync(process.execPath, ['-e', load], {
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
    });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), ['chatterboxTts', 'chatterboxApi']);
  });
});

#!/usr/bin/env node
// The publishable n8n package is an artifact: dist/n8n-package/ is laid out like a package made
// by n8n's own starter (`n8n-node new`): its own package.json ("strict": true), n8n's default
// eslint.config.mjs, tsconfig.json, README.md (docs/n8n.md), LICENSE, and copies of nodes/ and
// credentials/ (eslint does not enter linked folders; `dev` links them so edits are watched).
// n8n's CLI then runs there unchanged, and `npm pack` packs only dist/.
// The repository root stays the private workspace root (server, models, tests).
//
// Usage: node .ci/n8n-package.mjs <stage|build|lint|lint:fix|cloud-support|dev|release|pack [dir]>
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PACKAGE_DIR = join(ROOT, 'dist', 'n8n-package');
/** The package's source folders, at the same place in the repository and in the package. */
const SOURCE_FOLDERS = ['nodes', 'credentials'];

/** The package.json that is published: no workspaces, scripts, allowScripts or devDependencies. */
export function packageManifest() {
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return {
    name: 'n8n-nodes-chatterbox',
    version: root.version,
    description:
      'n8n node for a self-hosted Chatterbox Multilingual text-to-speech service: generate speech in 23 languages with cloned voices, as binary audio.',
    keywords: [
      'n8n-community-node-package',
      'n8n',
      'tts',
      'text-to-speech',
      'chatterbox',
      'voice-cloning',
    ],
    license: root.license,
    homepage: root.homepage,
    author: root.author,
    repository: root.repository,
    engines: root.engines,
    files: ['dist'],
    n8n: {
      n8nNodesApiVersion: 1,
      strict: true,
      credentials: ['dist/credentials/ChatterboxApi.credentials.js'],
      nodes: ['dist/nodes/ChatterboxTts/ChatterboxTts.node.js'],
    },
    peerDependencies: { 'n8n-workflow': '*' },
  };
}

/** n8n's default lint config, byte for byte from the installed CLI (strict mode checks it). */
function defaultEslintConfig() {
  const require = createRequire(join(ROOT, 'package.json'));
  const cliDist = join(dirname(require.resolve('@n8n/node-cli/eslint')), '..');
  return join(cliDist, 'template', 'templates', 'shared', 'default', 'eslint.config.mjs');
}

export function stage({ link = false } = {}) {
  rmSync(PACKAGE_DIR, { recursive: true, force: true });
  mkdirSync(PACKAGE_DIR, { recursive: true });
  writeFileSync(
    join(PACKAGE_DIR, 'package.json'),
    `${JSON.stringify(packageManifest(), null, 2)}\n`,
  );
  copyFileSync(defaultEslintConfig(), join(PACKAGE_DIR, 'eslint.config.mjs'));
  copyFileSync(join(ROOT, 'tsconfig.json'), join(PACKAGE_DIR, 'tsconfig.json'));
  copyFileSync(join(ROOT, 'LICENSE'), join(PACKAGE_DIR, 'LICENSE'));
  writeFileSync(join(PACKAGE_DIR, 'README.md'), readme());
  for (const folder of SOURCE_FOLDERS) {
    if (link)
      symlinkSync(relative(PACKAGE_DIR, join(ROOT, folder)), join(PACKAGE_DIR, folder), 'dir');
    else cpSync(join(ROOT, folder), join(PACKAGE_DIR, folder), { recursive: true });
  }
}

/** docs/n8n.md, with links to other repository files made absolute (they are not in the package). */
function readme() {
  const text = readFileSync(join(ROOT, 'docs', 'n8n.md'), 'utf8');
  const repo = String(packageManifest().repository.url)
    .replace(/^git\+/, '')
    .replace(/\.git$/, '');
  return text.replace(/\]\((?!https?:|#)([^)]+)\)/g, (_, target) => {
    const path = relative(ROOT, resolve(ROOT, 'docs', target));
    return `](${repo}/blob/main/${path})`;
  });
}

/** Runs n8n's CLI (from the root's devDependencies) inside the package folder. */
function n8nNode(args) {
  const bin = join(ROOT, 'node_modules', '.bin');
  const result = spawnSync('n8n-node', args, {
    cwd: PACKAGE_DIR,
    stdio: 'inherit',
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function pack(destination) {
  stage();
  n8nNode(['build']);
  const result = spawnSync(
    'npm',
    ['pack', '--silent', '--pack-destination', resolve(destination)],
    {
      cwd: PACKAGE_DIR,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log(join(resolve(destination), result.stdout.trim().split('\n').pop()));
}

const COMMANDS = {
  stage,
  build: () => (stage(), n8nNode(['build'])),
  lint: () => (stage(), n8nNode(['lint'])),
  'lint:fix': () => {
    stage();
    n8nNode(['lint', '--fix']);
    for (const folder of SOURCE_FOLDERS) {
      cpSync(join(PACKAGE_DIR, folder), join(ROOT, folder), { recursive: true });
    }
  },
  'cloud-support': () => (stage(), n8nNode(['cloud-support'])),
  dev: () => (stage({ link: true }), n8nNode(['dev'])),
  release: () => (stage(), n8nNode(['release'])),
  pack: () => pack(process.argv[3] ?? ROOT),
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const command = COMMANDS[process.argv[2]];
  if (!command) {
    console.error(`usage: node .ci/n8n-package.mjs <${Object.keys(COMMANDS).join('|')}>`);
    process.exit(2);
  }
  command();
}

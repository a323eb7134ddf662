/**
 * Real n8n, headless, for the end-to-end test: installed once on Node 24 into a cache
 * outside the repository (install-n8n.sh), with a fresh user folder per run, our package
 * laid out exactly where n8n's community-package installer puts it.
 * Why it is installed this way: install-n8n.sh.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../support/free-port.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = join(HERE, '..', '..', '..');
/** n8n resolves `require('n8n-workflow')` in community packages to its own copy. */
const PACKAGE_NAME = 'n8n-nodes-chatterbox';

export interface N8nInstall {
  node24: string;
  n8nBin: string;
}

export interface N8nHost extends N8nInstall {
  userFolder: string;
  /** Where `n8n start` listens (loopback). */
  url: string;
  env: NodeJS.ProcessEnv;
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Installs n8n on first use (minutes), then answers at once from the cache. */
export function installN8n(): N8nInstall {
  const result = spawnSync('bash', [join(HERE, '..', 'install-n8n.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 30 * 60_000,
  });
  if (result.status !== 0) throw new Error(`installing n8n failed (exit ${result.status})`);
  const [node24, n8nBin] = result.stdout.trim().split('\n').slice(-2);
  return { node24, n8nBin };
}

/** Builds the package, packs it, and unpacks it into the user folder's community packages. */
export function installPackage(host: N8nHost, workDir: string): string {
  // Builds dist/n8n-package/ and packs it there; prints the tarball's path last.
  const tarball = run('node', ['.ci/n8n-package.mjs', 'pack', workDir], REPO_ROOT)
    .trim()
    .split('\n')
    .pop()!;
  const destination = join(host.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
  mkdirSync(destination, { recursive: true });
  run('tar', ['-xzf', tarball, '-C', destination, '--strip-components=1'], REPO_ROOT);
  return tarball;
}

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** A private, quiet, offline-friendly n8n environment rooted in `workDir`. */
export async function createHost(
  install: N8nInstall,
  workDir: string,
  filesDir: string,
): Promise<N8nHost> {
  const userFolder = join(workDir, 'user');
  mkdirSync(userFolder, { recursive: true });
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: `${dirname(install.node24)}:${process.env.PATH}`,
    HOME: process.env.HOME,
    N8N_USER_FOLDER: userFolder,
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_VERIFIED_PACKAGES_ENABLED: 'false',
    N8N_DISABLED_MODULES: 'mcp-registry',
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
    N8N_LOG_LEVEL: 'info',
    DB_TYPE: 'sqlite',
    // Binary data inline (base64) in `n8n execute` output, so the test can read it back.
    N8N_DEFAULT_BINARY_DATA_MODE: 'default',
    N8N_RESTRICT_FILE_ACCESS_TO: filesDir,
    // Every process needs these, not only `n8n start`: the Wait node's resume URL is built
    // by the process that runs the execution (here `n8n execute`) from N8N_WEBHOOK_URL.
    N8N_PORT: String(port),
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
  };
  return { ...install, userFolder, env, url: `http://127.0.0.1:${port}` };
}

/** Runs one n8n CLI command to completion (own task-broker port: two n8n processes may run). */
export async function n8n(
  host: N8nHost,
  args: string[],
  timeoutMs = 120_000,
): Promise<CommandResult> {
  const env = { ...host.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
  const child = spawn(host.node24, [host.n8nBin, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

export async function importFixtures(
  host: N8nHost,
  credentialsFile: string,
  workflowDir: string,
): Promise<void> {
  for (const args of [
    ['import:credentials', `--input=${credentialsFile}`],
    ['import:workflow', '--separate', `--input=${workflowDir}`],
  ]) {
    const result = await n8n(host, args);
    if (result.code !== 0)
      throw new Error(`n8n ${args[0]} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

export interface RunItem {
  json: Record<string, unknown>;
  /** The input item an output item came from. */
  pairedItem?: { item: number };
  binary?: Record<
    string,
    { data: string; mimeType: string; fileName?: string; fileExtension?: string }
  >;
}

export interface WorkflowRun {
  status: string;
  error?: string;
  nodes: Record<string, RunItem[][]>;
}

/**
 * `--rawOutput` still prints log lines around the run JSON, which is pretty-printed: it
 * starts at a line that is exactly "{" and ends at the next line that is exactly "}".
 */
export function parseRun(stdout: string): WorkflowRun {
  const lines = stdout.split('\n');
  const start = lines.indexOf('{');
  const end = lines.indexOf('}', start);
  if (start < 0 || end < 0) throw new Error(`no run JSON in n8n output:\n${stdout.slice(-3000)}`);
  const run = JSON.parse(lines.slice(start, end + 1).join('\n'));
  const nodes: WorkflowRun['nodes'] = {};
  for (const [name, runs] of Object.entries(
    run.data.resultData.runData as Record<string, Array<{ data?: { main?: RunItem[][] } }>>,
  )) {
    nodes[name] = runs.map((r) => r.data?.main?.[0] ?? []);
  }
  return { status: run.status, error: run.data.resultData.error?.message, nodes };
}

export interface RunningN8n {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Whether n8n has registered the production webhook at `path` (for POST): a GET to a path
 * registered for other methods is answered "Did you mean to make a POST request?".
 */
async function isWebhookRegistered(url: string, path: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/webhook/${path}`);
    return (await response.text()).includes('Did you mean');
  } catch {
    return false;
  }
}

/**
 * `n8n start` on loopback: serves the Wait node's resume URL (webhook-waiting) and the
 * webhooks of published workflows. Ready once the editor is up and the `webhookPaths` of
 * published workflows are registered (activation finishes after the editor comes up).
 */
export async function startN8n(
  host: N8nHost,
  webhookPaths: string[] = [],
  timeoutMs = 90_000,
): Promise<RunningN8n> {
  const { url } = host;
  const env = { ...host.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
  const child = spawn(host.node24, [host.n8nBin, 'start'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  const ready = async () =>
    output.includes('Editor is now accessible') &&
    (await isHealthy(url)) &&
    (await Promise.all(webhookPaths.map((path) => isWebhookRegistered(url, path)))).every(Boolean);
  while (!(await ready())) {
    if (child.exitCode !== null)
      throw new Error(`n8n start exited (${child.exitCode}):\n${output.slice(-3000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`n8n start was not ready within ${timeoutMs} ms:\n${output.slice(-3000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

async function isHealthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`)).ok;
  } catch {
    return false;
  }
}

/** Reads execution rows with n8n's own sqlite3 module (run on Node 24, where it was built). */
export function executionsOf(
  host: N8nHost,
  workflowId: string,
): Array<{ id: string; status: string; finished: number }> {
  const sqlite = join(dirname(dirname(host.n8nBin)), 'sqlite3');
  const database = join(host.userFolder, '.n8n', 'database.sqlite');
  const script = `
    const sqlite3 = require(${JSON.stringify(sqlite)});
    const db = new sqlite3.Database(${JSON.stringify(database)}, sqlite3.OPEN_READONLY);
    db.all('SELECT id, status, finished FROM execution_entity WHERE workflowId = ? ORDER BY id', [${JSON.stringify(workflowId)}],
      (error, rows) => { if (error) { console.error(error.message); process.exit(1); } console.log(JSON.stringify(rows)); db.close(); });`;
  const result = spawnSync(host.node24, ['-e', script], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`reading executions failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** Copies the example workflows into `dir`, unchanged, for `n8n import:workflow --separate`. */
export function stageWorkflows(sources: string[], dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const source of sources) {
    writeFileSync(join(dir, source.split('/').pop()!), readFileSync(source, 'utf8'));
  }
}

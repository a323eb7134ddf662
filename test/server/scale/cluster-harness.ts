/**
 * Real service processes for the scale-out tests and the scale benchmark: `server/main.ts`
 * started as a child process with CHATTERBOX_ROLE, sharing one Redis prefix, one store
 * and one data dir (the "shared folder"), reading the JSON log lines they print.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DEFAULT_MODEL_CACHE_DIR } from '../../../server/config/env.schema.ts';
import { resolveModel } from '../../../models/resolve.ts';

const MAIN = new URL('../../../server/main.ts', import.meta.url).pathname;
const REPO_ROOT = new URL('../../../', import.meta.url).pathname;

export type Role = 'all' | 'api' | 'worker';
export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

export interface DeploymentOptions {
  redisUrl: string;
  /** Redis key prefix of this deployment (unique per test run). */
  prefix: string;
  /** CHATTERBOX_STORE_URL: the shared store. */
  storeUrl: string;
  /** @defaultValue 'tiny' */
  model?: string;
  /** More variables for every process (e.g. CHATTERBOX_STALLED_SECONDS). */
  env?: Record<string, string>;
}

/** One deployment: a shared data dir, and the processes started in it. */
export class Deployment {
  readonly processes: ServiceProcess[] = [];

  private constructor(
    readonly options: DeploymentOptions,
    readonly dataDir: string,
  ) {}

  /** Makes the data dir and the model (once, so processes never generate it concurrently). */
  static async create(options: DeploymentOptions): Promise<Deployment> {
    await resolveModel({ model: options.model ?? 'tiny', cacheDir: DEFAULT_MODEL_CACHE_DIR });
    return new Deployment(options, await mkdtemp(join(tmpdir(), 'chatterbox-scale-')));
  }

  env(role: Role): Record<string, string> {
    const { options } = this;
    return {
      CHATTERBOX_ROLE: role,
      CHATTERBOX_QUEUE: 'redis',
      CHATTERBOX_REDIS_URL: options.redisUrl,
      CHATTERBOX_REDIS_PREFIX: options.prefix,
      CHATTERBOX_STORE_URL: options.storeUrl,
      CHATTERBOX_DATA_DIR: this.dataDir,
      CHATTERBOX_MODEL: options.model ?? 'tiny',
      CHATTERBOX_MODEL_DOWNLOAD: 'false',
      CHATTERBOX_DEVICES: 'cpu',
      CHATTERBOX_INTRA_OP_THREADS: '1',
      CHATTERBOX_PORT: '0',
      CHATTERBOX_LOG_LEVEL: 'info',
      ...options.env,
    };
  }

  async start(role: Role): Promise<ServiceProcess> {
    const service = await ServiceProcess.start(role, this.env(role));
    this.processes.push(service);
    return service;
  }

  /** Kills what still runs and removes the data dir. */
  async destroy(): Promise<void> {
    await Promise.all(this.processes.map((service) => service.kill('SIGKILL')));
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

const START_TIMEOUT_MS = 60_000;

export class ServiceProcess {
  readonly logs: LogLine[] = [];
  /** Non-JSON output (stack traces, warnings), kept for failure messages. */
  readonly otherOutput: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly waiters = new Set<() => void>();
  private exitCode: number | null | undefined;

  private constructor(
    readonly role: Role,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal === null ? null : -1);
        this.notify();
        resolve(code);
      }),
    );
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => this.onLine(line));
    }
  }

  static async start(role: Role, env: Record<string, string>): Promise<ServiceProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new ServiceProcess(role, child);
    const readyMessage = role === 'worker' ? 'engines ready' : 'chatterbox listening';
    try {
      await service.waitForLog((line) => line.msg === readyMessage, START_TIMEOUT_MS);
    } catch (error) {
      await service.kill('SIGKILL'); // never leave a half-started process behind
      throw error;
    }
    return service;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Base URL of an API (or all-in-one) process. */
  get url(): string {
    const listening = this.logs.find((line) => line.msg === 'chatterbox listening');
    if (listening === undefined) throw new Error(`a ${this.role} process serves no HTTP`);
    return `http://127.0.0.1:${String(listening.port)}`;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** Resolves with the first log line (already printed or still to come) matching `predicate`. */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs = 30_000): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = this.logs.find(predicate);
        if (found !== undefined) finish(() => resolve(found));
        else if (this.exitCode !== undefined) finish(() => reject(new Error(`${this.role} process exited (${this.exitCode}) first:\n${this.tail()}`)));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`${this.role} process: no such log line after ${timeoutMs} ms:\n${this.tail()}`))), timeoutMs);
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        settle();
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Sends `signal` and waits for the process to end. */
  async kill(signal: NodeJS.Signals): Promise<number | null> {
    if (this.running) this.child.kill(signal);
    return this.exited;
  }

  /** The last lines of output, for failure messages. */
  tail(lines = 30): string {
    return [...this.logs.map((line) => JSON.stringify(line)), ...this.otherOutput].slice(-lines).join('\n');
  }

  private onLine(line: string): void {
    try {
      this.logs.push(JSON.parse(line) as LogLine);
    } catch {
      this.otherOutput.push(line);
    }
    this.notify();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** JSON over HTTP against a service process. */
export async function http<T = Record<string, unknown>>(base: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (audio, metrics): the text is the body
  }
  return { status: response.status, body: body as T };
}

/**
 * What some suites need from outside npm: Chromium, ffmpeg/ffprobe, systemd-analyze, a Redis, a
 * PostgreSQL, the real model weights. Each constant is the value for node:test's `skip` option:
 * false when the thing is there, else a one-line reason that says how to get it.
 *
 * A skip is also written to the file test/run.mjs names in CHATTERBOX_TEST_SKIP_LOG, so
 * `npm test` ends with a summary of what was skipped and the command that installs it.
 * With CI=true a missing tool is a failure, not a skip: CI installs all of them (.ci/run), and a
 * suite that silently stopped running there would hide a broken install.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, appendFileSync, constants } from 'node:fs';
import { relative } from 'node:path';

const SYSTEM_PACKAGES = 'bash .ci/system-packages.sh';

interface Requirement {
  /** What is missing, as the summary names it. */
  what: string;
  present: boolean;
  /** The one command (or variable) that provides it. */
  install: string;
  /** CI provides it, so its absence there is a failure. */
  requiredInCi: boolean;
}

/** One skip, as test/run.mjs reads it back from the log. */
interface SkipRecord {
  what: string;
  install: string;
  file: string;
}

/** Checked once per test file, however many suites ask. */
function requirement(check: () => Requirement): () => string | false {
  let answer: string | false | undefined;
  return () => (answer ??= decide(check()));
}

function decide({ what, present, install, requiredInCi }: Requirement): string | false {
  if (present) return false;
  if (requiredInCi && process.env.CI === 'true') {
    throw new Error(`CI=true and ${what} is missing: CI must run every suite (${install})`);
  }
  const log = process.env.CHATTERBOX_TEST_SKIP_LOG;
  if (log) {
    const record: SkipRecord = {
      what,
      install,
      file: relative(process.cwd(), process.argv[1] ?? '?'),
    };
    appendFileSync(log, `${JSON.stringify(record)}\n`);
  }
  return `${what} is missing: ${install}`;
}

function runs(binary: string, ...args: string[]): boolean {
  return spawnSync(binary, args, { stdio: 'ignore' }).status === 0;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function setVariable(name: string): boolean {
  const value = process.env[name];
  return value !== undefined && value !== '';
}

/** Debian's Chromium; playwright-core downloads none. */
export const CHROMIUM_PATH = process.env.CHATTERBOX_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumSkip = requirement(() => ({
  what: `Chromium (${CHROMIUM_PATH})`,
  present: executable(CHROMIUM_PATH),
  install: `${SYSTEM_PACKAGES}, or CHATTERBOX_CHROMIUM=/path/to/chromium`,
  requiredInCi: true,
}));

export const ffmpegSkip = requirement(() => ({
  what: 'ffmpeg/ffprobe',
  present: runs('ffmpeg', '-version') && runs('ffprobe', '-version'),
  install: SYSTEM_PACKAGES,
  requiredInCi: true,
}));

export const systemdSkip = requirement(() => ({
  what: 'systemd-analyze',
  present: runs('systemd-analyze', '--version'),
  install: SYSTEM_PACKAGES,
  requiredInCi: true,
}));

export const redisSkip = requirement(() => ({
  what: 'a Redis (CHATTERBOX_TEST_REDIS_URL)',
  present: setVariable('CHATTERBOX_TEST_REDIS_URL'),
  install: 'CHATTERBOX_TEST_REDIS_URL=redis://127.0.0.1:6379; bash .ci/services.sh starts one',
  requiredInCi: true,
}));

export const postgresSkip = requirement(() => ({
  what: 'a PostgreSQL (CHATTERBOX_TEST_POSTGRES_URL)',
  present: setVariable('CHATTERBOX_TEST_POSTGRES_URL'),
  install:
    'CHATTERBOX_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test; bash .ci/services.sh starts one',
  requiredInCi: true,
}));

/** CI has no weights: this one is skipped there too. */
export const realModelSkip = requirement(() => ({
  what: 'the real model weights (CHATTERBOX_REAL_MODEL_DIR)',
  present: setVariable('CHATTERBOX_REAL_MODEL_DIR'),
  install: 'CHATTERBOX_REAL_MODEL_DIR=/path/to/model; npm run models:download fetches them',
  requiredInCi: false,
}));

/** A redis-server binary, for suites that start (and kill) a Redis of their own. */
export const redisServerSkip = requirement(() => ({
  what: 'redis-server',
  present: runs('redis-server', '--version'),
  install: SYSTEM_PACKAGES,
  requiredInCi: true,
}));

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

const ROOT = new URL('../../', import.meta.url).pathname;
const FIXTURE = 'test/support/fixtures/needs-chromium.fixture.ts';

function runWithoutChromium(ci: boolean) {
  const env: NodeJS.ProcessEnv = { ...process.env, CHATTERBOX_CHROMIUM: '/nonexistent/chromium' };
  delete env.CI;
  // Set by node's test runner in its child processes; the inner run must report as a run of its own.
  delete env.NODE_TEST_CONTEXT;
  if (ci) env.CI = 'true';
  return spawnSync(process.execPath, ['test/run.mjs', FIXTURE], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
}

describe('a suite whose tool is missing', () => {
  it('is skipped with its reason, and the run ends with what was skipped and how to install it', () => {
    const run = runWithoutChromium(false);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(
      run.stdout,
      /# SKIP Chromium \(\/nonexistent\/chromium\) is missing: bash \.ci\/system-packages\.sh/,
    );
    const summary = run.stdout.slice(
      run.stdout.indexOf('Skipped, for want of something outside npm:'),
    );
    assert.match(
      summary,
      /Chromium \(\/nonexistent\/chromium\): skipped test\/support\/fixtures\/needs-chromium\.fixture\.ts/,
    );
    assert.match(summary, /get it: bash \.ci\/system-packages\.sh/);
  });

  it('fails the run under CI=true, where every suite must run', () => {
    const run = runWithoutChromium(true);
    assert.notEqual(run.status, 0);
    assert.match(
      run.stdout + run.stderr,
      /CI=true and Chromium \(\/nonexistent\/chromium\) is missing/,
    );
    assert.doesNotMatch(run.stdout, /Skipped, for want of/);
  });
});

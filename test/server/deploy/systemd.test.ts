import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { systemdSkip } from '../../support/requirements.ts';

const TEMPLATE = new URL('../../../server/deploy/systemd/chatterbox@.service', import.meta.url).pathname;
describe('systemd unit template', { skip: systemdSkip() }, () => {
  for (const role of ['all', 'api', 'worker']) {
    it(`verifies cleanly as chatterbox@${role}.service`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'units-'));
      try {
        copyFileSync(TEMPLATE, join(dir, 'chatterbox@.service'));
        symlinkSync('chatterbox@.service', join(dir, `chatterbox@${role}.service`));
        const result = spawnSync('systemd-analyze', ['verify', join(dir, `chatterbox@${role}.service`)], { encoding: 'utf8' });
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stderr.trim(), '', 'systemd-analyze printed warnings');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

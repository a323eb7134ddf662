import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../server/config/load-config.ts';

const EXAMPLE = new URL('../../../server/deploy/chatterbox.env.example', import.meta.url);

/** KEY=value lines as systemd's EnvironmentFile= reads them; `uncomment` also takes `# CHATTERBOX_…=` lines. */
function parseEnvFile(text: string, uncomment: boolean): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = uncomment ? raw.replace(/^#\s*(CHATTERBOX_\w+=)/, '$1') : raw;
    const match = /^(CHATTERBOX_\w+)=(.*)$/.exec(line.trim());
    if (match !== null) env[match[1]!] = match[2]!;
  }
  return env;
}

describe('server/deploy/chatterbox.env.example', () => {
  const text = readFileSync(EXAMPLE, 'utf8');

  it('is a valid single-machine configuration as shipped (chatterbox@all)', () => {
    const { config, warnings } = loadConfig({ ...parseEnvFile(text, false), CHATTERBOX_ROLE: 'all' });
    assert.deepEqual(warnings, []);
    assert.equal(config.deployment.queue, 'local');
  });

  for (const role of ['all', 'api', 'worker']) {
    it(`is a valid chatterbox@${role} configuration with its scale-out section enabled`, () => {
      const { config, warnings } = loadConfig({ ...parseEnvFile(text, true), CHATTERBOX_ROLE: role });
      assert.deepEqual(warnings, []);
      assert.equal(config.deployment.queue, 'redis');
      assert.equal(config.store.location.kind, 'postgres');
    });
  }

  it('leaves the role to the unit name (CHATTERBOX_ROLE=%i)', () => {
    assert.equal('CHATTERBOX_ROLE' in parseEnvFile(text, true), false);
  });
});

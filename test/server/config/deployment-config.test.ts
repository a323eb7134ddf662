import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../server/config/load-config.ts';
import { ConfigError } from '../../../server/shared/errors/config-error.ts';

const SHARED = { CHATTERBOX_QUEUE: 'redis', CHATTERBOX_STORE_URL: 'postgres://chatterbox@db/chatterbox' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return [...error.problems];
  }
}

describe('deployment configuration (roles, queue, store)', () => {
  it('defaults to one process with the in-process queue and the SQLite file in the data dir', () => {
    const { config } = loadConfig({});
    assert.deepEqual(
      { role: config.deployment.role, queue: config.deployment.queue, store: config.store.location },
      { role: 'all', queue: 'local', store: { kind: 'sqlite', file: null } },
    );
    assert.equal(config.deployment.stalledMs, 30_000);
    assert.equal(config.deployment.heartbeatMs, 5000);
  });

  it('reads the shared queue and store of a deployment', () => {
    const { config } = loadConfig({ ...SHARED, CHATTERBOX_ROLE: 'Worker', CHATTERBOX_REDIS_URL: 'rediss://:pw@redis:6380/2', CHATTERBOX_STALLED_SECONDS: '5' });
    assert.equal(config.deployment.role, 'worker');
    assert.equal(config.deployment.redisUrl, 'rediss://:pw@redis:6380/2');
    assert.equal(config.deployment.stalledMs, 5000);
    assert.deepEqual(config.store.location, { kind: 'postgres', url: 'postgres://chatterbox@db/chatterbox' });
    assert.equal(loadConfig({ ...SHARED, CHATTERBOX_STORE_URL: 'redis://r:6379' }).config.store.location.kind, 'redis');
    assert.deepEqual(loadConfig({ CHATTERBOX_STORE_URL: 'sqlite:///srv/jobs.sqlite' }).config.store.location, { kind: 'sqlite', file: '/srv/jobs.sqlite' });
  });

  it('refuses api and worker roles without the shared queue, naming the fix', () => {
    for (const role of ['api', 'worker']) {
      assert.match(problems({ CHATTERBOX_ROLE: role }).join('\n'), new RegExp(`CHATTERBOX_ROLE=${role} .*CHATTERBOX_QUEUE=redis`));
    }
  });

  it('refuses the shared queue with the per-machine SQLite store', () => {
    assert.match(problems({ CHATTERBOX_QUEUE: 'redis' }).join('\n'), /CHATTERBOX_STORE_URL=postgres/);
  });

  it('names every bad value at once', () => {
    const found = problems({
      CHATTERBOX_ROLE: 'boss',
      CHATTERBOX_QUEUE: 'kafka',
      CHATTERBOX_REDIS_URL: 'http://redis',
      CHATTERBOX_REDIS_PREFIX: 'has space',
      CHATTERBOX_STORE_URL: 'mysql://db',
      CHATTERBOX_STORE_TABLE: 'Drop Table',
      CHATTERBOX_STALLED_SECONDS: '0',
    });
    for (const name of ['ROLE', 'QUEUE', 'REDIS_URL', 'REDIS_PREFIX', 'STORE_URL', 'STORE_TABLE', 'STALLED_SECONDS']) {
      assert.ok(found.some((problem) => problem.startsWith(`CHATTERBOX_${name}:`)), `${name} in ${found.join('; ')}`);
    }
    assert.match(problems({ CHATTERBOX_STORE_URL: 'sqlite://relative.db' }).join(), /absolute path/);
    assert.match(problems({ CHATTERBOX_STORE_URL: 'postgres://host' }).join(), /name the database/);
  });

  it('lets a worker bind no HTTP port, so it needs no API keys on a public host setting', () => {
    assert.deepEqual(problems({ ...SHARED, CHATTERBOX_ROLE: 'worker', CHATTERBOX_HOST: '0.0.0.0' }), []);
    assert.match(problems({ ...SHARED, CHATTERBOX_ROLE: 'api', CHATTERBOX_HOST: '0.0.0.0' }).join(), /CHATTERBOX_API_KEYS is empty/);
  });
});

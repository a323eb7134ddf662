import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLoopbackHost, loadConfig } from '../../../server/config/load-config.ts';
import { ConfigError } from '../../../server/shared/errors/config-error.ts';

function problems(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const { config } = loadConfig({});
    assert.equal(config.http.port, 8123);
    assert.equal(config.http.host, '127.0.0.1');
    assert.deepEqual(config.http.apiKeys, []);
    assert.equal(config.model.name, 'q4');
    assert.deepEqual(config.model.devices, ['cpu']);
    assert.equal(config.jobs.retentionMs, 30 * 24 * 3600 * 1000);
    assert.equal(config.limits.maxTextChars, 20_000);
    assert.match(config.dataDir, /\/data$/);
  });

  it('returns a deeply frozen object', () => {
    const { config } = loadConfig({});
    assert.ok(Object.isFrozen(config) && Object.isFrozen(config.http) && Object.isFrozen(config.model.devices));
  });

  it('parses lists, booleans and numbers, treating empty values as unset', () => {
    const { config } = loadConfig({
      CHATTERBOX_DEVICES: 'cuda:0, cuda:1',
      CHATTERBOX_API_KEYS: 'aaaaaaaaaaaaaaaa,bbbbbbbbbbbbbbbb',
      CHATTERBOX_MODEL_DOWNLOAD: 'no',
      CHATTERBOX_RETENTION_DAYS: '0',
      CHATTERBOX_PORT: '',
    });
    assert.deepEqual(config.model.devices, ['cuda:0', 'cuda:1']);
    assert.equal(config.http.apiKeys.length, 2);
    assert.equal(config.model.allowDownload, false);
    assert.equal(config.jobs.retentionMs, null, 'retention 0 keeps jobs forever');
    assert.equal(config.http.port, 8123);
  });

  it('lists every problem at once', () => {
    const found = problems({
      CHATTERBOX_PORT: 'eighty',
      CHATTERBOX_DEVICES: 'gpu',
      CHATTERBOX_API_KEYS: 'short',
      CHATTERBOX_LOG_LEVEL: 'loud',
      CHATTERBOX_MODEL_DOWNLOAD: 'maybe',
    });
    for (const name of ['CHATTERBOX_PORT', 'CHATTERBOX_DEVICES', 'CHATTERBOX_API_KEYS', 'CHATTERBOX_LOG_LEVEL', 'CHATTERBOX_MODEL_DOWNLOAD']) {
      assert.ok(found.some((problem) => problem.startsWith(name)), `${name} reported in ${found.join(' | ')}`);
    }
  });

  it('refuses a non-loopback host without API keys unless unauthenticated access is allowed', () => {
    assert.match(problems({ CHATTERBOX_HOST: '0.0.0.0' })[0]!, /CHATTERBOX_API_KEYS is empty/);
    assert.equal(loadConfig({ CHATTERBOX_HOST: '0.0.0.0', CHATTERBOX_ALLOW_UNAUTHENTICATED: 'true' }).config.http.host, '0.0.0.0');
    assert.equal(loadConfig({ CHATTERBOX_HOST: '0.0.0.0', CHATTERBOX_API_KEYS: 'k'.repeat(16) }).config.http.host, '0.0.0.0');
  });

  it('refuses at start an API key with whitespace inside, which no request could ever match', () => {
    assert.match(problems({ CHATTERBOX_API_KEYS: 'good-key-0123456789,key with a space 0123' }).join(' | '), /CHATTERBOX_API_KEYS.*must not contain whitespace/);
  });

  it('tells loopback hosts from the rest', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'example.com']) assert.ok(!isLoopbackHost(host), host);
  });

  it('rejects voice limits where the minimum is not below the maximum', () => {
    assert.match(problems({ CHATTERBOX_VOICE_MIN_SECONDS: '30', CHATTERBOX_VOICE_MAX_SECONDS: '10' })[0]!, /VOICE_MIN_SECONDS/);
  });

  it('warns about unknown CHATTERBOX_ variables but ignores test-suite ones', () => {
    const { warnings } = loadConfig({ CHATTERBOX_PROT: '1', CHATTERBOX_TEST_REDIS_URL: 'redis://x' });
    assert.deepEqual(warnings, ['CHATTERBOX_PROT is not a known setting and is ignored (typo?)']);
  });

  it('makes a model folder path absolute and keeps preset names', () => {
    assert.equal(loadConfig({ CHATTERBOX_MODEL: 'tiny' }).config.model.name, 'tiny');
    assert.match(loadConfig({ CHATTERBOX_MODEL: './my-model/' }).config.model.name, /^\/.*my-model$/);
    assert.match(problems({ CHATTERBOX_MODEL: 'huge' })[0]!, /CHATTERBOX_MODEL/);
  });

  it('defaults to the q4f16 language model when every device is CUDA, q4 otherwise', () => {
    assert.equal(loadConfig({ CHATTERBOX_DEVICES: 'cuda:0,cuda:1' }).config.model.name, 'q4f16');
    assert.equal(loadConfig({ CHATTERBOX_DEVICES: 'cuda:0,cpu' }).config.model.name, 'q4');
    assert.equal(loadConfig({}).config.model.name, 'q4');
    assert.equal(loadConfig({ CHATTERBOX_DEVICES: 'cuda:0', CHATTERBOX_MODEL: 'fp16' }).config.model.name, 'fp16');
  });

  it('normalizes output loudness to -16 LUFS unless set to another level or off', () => {
    assert.equal(loadConfig({}).config.model.outputLoudnessLufs, -16);
    assert.equal(loadConfig({ CHATTERBOX_OUTPUT_LOUDNESS_LUFS: '-23' }).config.model.outputLoudnessLufs, -23);
    assert.equal(loadConfig({ CHATTERBOX_OUTPUT_LOUDNESS_LUFS: 'OFF' }).config.model.outputLoudnessLufs, null);
    assert.match(problems({ CHATTERBOX_OUTPUT_LOUDNESS_LUFS: '3' })[0]!, /CHATTERBOX_OUTPUT_LOUDNESS_LUFS/);
  });

  it('keeps upstream\'s two-identical-tokens stop unless turned off', () => {
    assert.equal(loadConfig({}).config.model.stopOnRepeatedToken, true);
    assert.equal(loadConfig({ CHATTERBOX_STOP_ON_REPEATED_TOKEN: 'false' }).config.model.stopOnRepeatedToken, false);
  });
});

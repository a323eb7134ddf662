/**
 * Issue 15 item 6: callbacks are safe by default. With the default settings internal targets
 * are refused (submit time, and after DNS for names), loopback stays usable only where every
 * caller is on this machine (loopback bind, no keys) or by an explicit allow-list entry, a
 * refused target's status does not tell what answered there, and IPv6 literal URLs are accepted.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../server/config/load-config.ts';
import { callbackPolicy } from '../../../server/composition/stream-and-callbacks.ts';
import { sendCallback } from '../../../server/jobs/callbacks/callback-sender.ts';
import { assertCallbackTarget, guardedLookup } from '../../../server/jobs/callbacks/callback-target-policy.ts';
import { useTestServer, type TestServer } from '../../support/test-server.ts';

const KEY = 'rel-test-key-0123456789';

function refusal(url: string, env: Record<string, string>): string | null {
  try {
    assertCallbackTarget(url, callbackPolicy(loadConfig(env).config));
    return null;
  } catch (error) {
    return (error as { code: string }).code;
  }
}

describe('callback targets with the default settings', () => {
  const keyed = { CHATTERBOX_API_KEYS: KEY };
  it('refuses loopback, unspecified, private and metadata addresses once the service has keys', () => {
    for (const url of ['http://127.0.0.1:6379/', 'http://0.0.0.0:22/', 'http://169.254.169.254/latest/meta-data', 'http://10.1.2.3/', 'http://[::1]:8123/', 'http://localhost:5678/']) {
      assert.equal(refusal(url, keyed), 'callback_url_not_allowed', url);
    }
    assert.equal(refusal('https://hooks.example.com/x', keyed), null);
  });

  it('keeps loopback for a loopback service without keys (n8n on the same host), nothing else internal', () => {
    assert.equal(refusal('http://127.0.0.1:5678/webhook-waiting/1', {}), null);
    assert.equal(refusal('http://[::1]:5678/webhook-waiting/1', {}), null);
    assert.equal(refusal('http://169.254.169.254/latest/meta-data', {}), 'callback_url_not_allowed');
    assert.equal(refusal('http://192.168.1.10/', {}), 'callback_url_not_allowed');
  });

  it('allows an internal target the operator lists in CHATTERBOX_CALLBACK_ALLOWED_HOSTS', () => {
    const env = { ...keyed, CHATTERBOX_CALLBACK_ALLOWED_HOSTS: '127.0.0.1:5678' };
    assert.equal(refusal('http://127.0.0.1:5678/webhook-waiting/1', env), null);
    assert.equal(refusal('http://127.0.0.1:6379/', env), 'callback_url_not_allowed');
  });

  it('refuses a name resolving to loopback at connect time, without saying which address it has', async () => {
    const policy = callbackPolicy(loadConfig(keyed).config);
    const attempt = await sendCallback(new URL('http://localhost:9/hook'), '{}', { headers: {}, timeoutMs: 2000, lookup: guardedLookup(policy) });
    assert.equal(attempt.ok, false);
    assert.equal(attempt.retryable, false);
    assert.match(attempt.error ?? '', /callback target refused/);
    assert.doesNotMatch(attempt.error ?? '', /127\.0\.0\.1|::1|ECONNREFUSED/);
  });
});

describe('IPv6 literal callback URLs', () => {
  let ts: TestServer;
  useTestServer((server) => (ts = server));

  it('are accepted by the submit schema', async () => {
    const response = await ts.post('/tts/synthesize', { text: 'Hi.', callback_url: 'http://[::1]:5678/webhook-waiting/1' });
    assert.equal(response.status, 202, await response.text());
  });
});

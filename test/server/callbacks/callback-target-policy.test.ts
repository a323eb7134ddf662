import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { sendCallback } from '../../../server/jobs/callbacks/callback-sender.ts';
import {
  assertCallbackTarget,
  guardedLookup,
  isInternalAddress,
  type CallbackTargetPolicy,
} from '../../../server/jobs/callbacks/callback-target-policy.ts';

const open: CallbackTargetPolicy = { allowedHosts: [], denyPrivateAddresses: false };

function refused(url: string, policy: CallbackTargetPolicy): boolean {
  try {
    assertCallbackTarget(url, policy);
    return false;
  } catch (error) {
    assert.equal((error as { code: string }).code, 'callback_url_not_allowed');
    assert.equal((error as { status: number }).status, 400);
    return true;
  }
}

describe('callback target policy', () => {
  it('allows any http(s) host when no allowlist is configured', () => {
    assert.equal(refused('https://hooks.example.com/x', open), false);
    assert.equal(refused('http://127.0.0.1:5678/webhook-waiting/1', open), false);
  });

  it('allows only listed hosts, wildcard subdomains and ports when an allowlist is set', () => {
    const policy = { allowedHosts: ['n8n.internal:5678', '*.example.com', '[::1]:8080'], denyPrivateAddresses: false };
    assert.equal(refused('http://n8n.internal:5678/webhook-waiting/1', policy), false);
    assert.equal(refused('http://n8n.internal:9999/webhook-waiting/1', policy), true);
    assert.equal(refused('https://hooks.example.com/x', policy), false);
    assert.equal(refused('https://example.com/x', policy), true, 'the wildcard covers subdomains only');
    assert.equal(refused('https://evil-example.com/x', policy), true);
    assert.equal(refused('http://[::1]:8080/x', policy), false);
    assert.equal(refused('http://localhost:5678/x', policy), true);
  });

  it('refuses internal address literals when private targets are denied', () => {
    const policy = { allowedHosts: [], denyPrivateAddresses: true };
    for (const url of ['http://127.0.0.1/x', 'http://10.1.2.3/x', 'http://192.168.1.5/x', 'http://169.254.169.254/latest', 'http://[::1]/x', 'http://[::ffff:127.0.0.1]/x']) {
      assert.equal(refused(url, policy), true, url);
    }
    assert.equal(refused('http://93.184.215.14/x', policy), false);
  });

  it('classifies addresses', () => {
    assert.equal(isInternalAddress('172.20.0.1'), true);
    assert.equal(isInternalAddress('172.32.0.1'), false);
    assert.equal(isInternalAddress('fd00::1'), true);
    assert.equal(isInternalAddress('2001:db8::1'), false);
    assert.equal(isInternalAddress('not-an-ip'), false);
  });

  it('refuses at connect time a host name that resolves to an internal address', async () => {
    const receiver = createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    const url = new URL(`http://localhost:${port}/hook`);
    try {
      const allowed = await sendCallback(url, '{}', { headers: {}, timeoutMs: 2000, lookup: guardedLookup(open) });
      assert.equal(allowed.ok, true, 'without the guard the loopback receiver answers');
      const denied = await sendCallback(url, '{}', { headers: {}, timeoutMs: 2000, lookup: guardedLookup({ allowedHosts: [], denyPrivateAddresses: true }) });
      assert.equal(denied.ok, false);
      assert.equal(denied.retryable, false, 'a refused target is not retried');
      assert.match(denied.error ?? '', /internal address/);
    } finally {
      receiver.close();
    }
  });
});

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { signCallbackBody, verifyCallbackSignature } from '../../../server/jobs/callbacks/callback-signature.ts';

describe('callback signature', () => {
  const secret = 'a-long-shared-secret-value';
  const body = JSON.stringify({ chatterbox_id: 'x', status: 'COMPLETE', text: 'Grüße' });

  it('is sha256=<hex HMAC-SHA256 of the exact UTF-8 body>', () => {
    const independent = createHmac('sha256', Buffer.from(secret)).update(Buffer.from(body, 'utf8')).digest('hex');
    assert.equal(signCallbackBody(secret, body), `sha256=${independent}`);
  });

  it('verifies only the matching body and secret', () => {
    const header = signCallbackBody(secret, body);
    assert.equal(verifyCallbackSignature(secret, body, header), true);
    assert.equal(verifyCallbackSignature(secret, `${body} `, header), false);
    assert.equal(verifyCallbackSignature('another-secret-value!!', body, header), false);
    assert.equal(verifyCallbackSignature(secret, body, undefined), false);
    assert.equal(verifyCallbackSignature(secret, body, header.replace('sha256=', 'sha1=')), false);
  });
});

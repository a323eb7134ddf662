/**
 * n8n's own REST API (the one its editor uses) on a running `n8n start`: sets up the owner
 * of the fresh instance, then tests credentials as the editor's "Test" button does
 * (POST /rest/credentials/test runs the credential type's `test` request).
 */
import { randomUUID } from 'node:crypto';

export interface RestSession {
  url: string;
  headers: Record<string, string>;
}

/** The session cookie is bound to the browser id sent when it was issued (n8n's auth service). */
export async function ownerSession(url: string): Promise<RestSession> {
  const browserId = randomUUID();
  const response = await fetch(`${url}/rest/owner/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'browser-id': browserId },
    body: JSON.stringify({
      email: 'owner@example.com',
      firstName: 'End',
      lastName: 'ToEnd',
      password: 'E2e-owner-password-1',
    }),
  });
  if (!response.ok)
    throw new Error(`owner setup: HTTP ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .find((pair) => pair.startsWith('n8n-auth='));
  if (!cookie) throw new Error('owner setup set no n8n-auth cookie');
  return { url, headers: { cookie, 'browser-id': browserId } };
}

export interface CredentialTestResult {
  status: 'OK' | 'Error';
  message: string;
}

/**
 * Tests the stored credential `id` with `data` instead of its stored values, as the editor
 * does while the user edits the form (n8n only tests credentials the user may read).
 */
export async function testCredential(
  session: RestSession,
  credential: { id: string; name: string; type: string; data: Record<string, unknown> },
): Promise<CredentialTestResult> {
  const response = await fetch(`${session.url}/rest/credentials/test`, {
    method: 'POST',
    headers: { ...session.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ credentials: credential }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`credential test: HTTP ${response.status} ${text}`);
  return (JSON.parse(text) as { data: CredentialTestResult }).data;
}

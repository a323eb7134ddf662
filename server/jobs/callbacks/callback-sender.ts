/**
 * One POST of a callback body. Plain node:http(s) rather than fetch: it lets the connect-time
 * DNS guard see the address actually dialled, sends Basic credentials written into the URL
 * (`https://user:pass@host/...`, as n8n's Wait node with Basic Auth expects), and never
 * follows redirects (a redirect could lead past the target policy).
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

export interface CallbackAttempt {
  /** 2xx: delivered. */
  ok: boolean;
  /** Worth another try later (network trouble, timeouts, 408, 409, 425, 429, 5xx). */
  retryable: boolean;
  statusCode: number | null;
  error: string | null;
}

export interface SendOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  lookup?: LookupFunction;
  signal?: AbortSignal;
}

/**
 * 409 is here because n8n answers it when a callback arrives before its Wait node has parked
 * the execution ("The execution is running already"); a moment later the same POST resumes it.
 */
const RETRYABLE_STATUSES = new Set([408, 409, 425, 429]);
const SERVER_ERROR = 500;
/** Receivers' answers are read only to free the socket; nobody needs more than this. */
const MAX_ANSWER_BYTES = 64 * 1024;

export function sendCallback(url: URL, body: string, options: SendOptions): Promise<CallbackAttempt> {
  return new Promise((resolve) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: 'POST',
      headers: { ...options.headers, 'content-length': String(Buffer.byteLength(body)) },
      timeout: options.timeoutMs,
      lookup: options.lookup,
      signal: options.signal,
      // A fresh connection each time: a pooled socket would skip the connect-time address check.
      agent: false,
    });
    request.on('response', (response) => {
      let received = 0;
      response.on('data', (part: Buffer) => {
        received += part.length;
        if (received > MAX_ANSWER_BYTES) response.destroy();
      });
      response.on('close', () => resolve(answerOf(response.statusCode ?? 0)));
      response.on('error', () => undefined);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    request.on('error', (error: NodeJS.ErrnoException) => {
      const refused = error.code === 'ECALLBACKREFUSED';
      resolve({ ok: false, retryable: !refused && !options.signal?.aborted, statusCode: null, error: describe(error) });
    });
    request.end(body);
  });
}

function answerOf(statusCode: number): CallbackAttempt {
  if (statusCode >= 200 && statusCode < 300) return { ok: true, retryable: false, statusCode, error: null };
  const retryable = statusCode >= SERVER_ERROR || RETRYABLE_STATUSES.has(statusCode);
  return { ok: false, retryable, statusCode, error: `receiver answered HTTP ${statusCode}` };
}

function describe(error: NodeJS.ErrnoException): string {
  if (error.code === 'ECALLBACKREFUSED') return error.message;
  return error.code !== undefined && !error.message.includes(error.code) ? `${error.code}: ${error.message}` : error.message;
}

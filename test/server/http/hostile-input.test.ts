/**
 * Issue 15 items 4, 8 and 9: input that is well-formed on the surface but empty, out of range
 * or encoded as garbage gets a 4xx naming the problem, and lengths are counted in one unit.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useTestServer, type TestServer } from '../../support/test-server.ts';

const MAX_TEXT_CHARS = 100;

describe('hostile input', () => {
  let ts: TestServer;
  useTestServer((server) => (ts = server), { CHATTERBOX_MAX_TEXT_CHARS: String(MAX_TEXT_CHARS) });

  async function errorOf(response: Response): Promise<{ status: number; code: string; message: string; field?: string }> {
    const body = (await response.json()) as { error: { code: string; message: string; field?: string } };
    return { status: response.status, ...body.error };
  }

  const nothingToSpeak = [
    { name: 'zero-width characters', text: '\u200B\u200C\u200D\uFEFF\u2060' },
    { name: 'bidi controls', text: '\u202E\u2066\u200F\u061C\u2069' },
    { name: 'control characters', text: '\u0000\u0007\u001B\u007F' },
    { name: 'a mix of them and spaces', text: ' \u200B \u202E\t\u0001 ' },
  ];
  for (const { name, text } of nothingToSpeak) {
    it(`treats text of only ${name} as empty (422 empty_text), on both submit routes`, async () => {
      const native = await errorOf(await ts.post('/tts/synthesize', { text }));
      assert.deepEqual([native.status, native.code, native.field], [422, 'empty_text', 'text']);
      const openai = await errorOf(await ts.post('/v1/audio/speech', { model: 'tts-1', input: text, voice: 'alloy' }));
      assert.deepEqual([openai.status, openai.code], [422, 'empty_text']);
    });
  }

  it('counts the text limit and text_chars in the same unit (code points)', async () => {
    // Mathematical bold letters lie outside the BMP: two UTF-16 units each, one code point.
    const text = '𝐀'.repeat(MAX_TEXT_CHARS);
    const response = await ts.post('/tts/synthesize', { text });
    assert.equal(response.status, 202, await response.clone().text());
    const { chatterbox_id: id } = (await response.json()) as { chatterbox_id: string };
    const status = (await (await ts.request(`/tts/status/${id}`)).json()) as { text_chars: number };
    assert.equal(status.text_chars, MAX_TEXT_CHARS);
    const over = await errorOf(await ts.post('/tts/synthesize', { text: `${text}𝐀` }));
    assert.deepEqual([over.status, over.code], [400, 'text_length']);
    assert.match(over.message, new RegExp(`at most ${MAX_TEXT_CHARS} characters`));
  });

  it('says a number too large for JSON is out of range, not "must be a number, got a number"', async () => {
    const response = await ts.request('/tts/synthesize', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"Hi.","temperature":1e999}' });
    const error = await errorOf(response);
    assert.equal(error.status, 400);
    assert.equal(error.field, 'temperature');
    assert.match(error.message, /finite number, got Infinity/);
  });

  for (const encoding of ['gzip', 'br', 'deflate']) {
    it(`answers 400 for a body that claims Content-Encoding: ${encoding} but is garbage`, async () => {
      const response = await ts.request('/tts/synthesize', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': encoding },
        body: 'this is not compressed at all',
      });
      const error = await errorOf(response);
      assert.equal(error.status, 400);
      assert.equal(error.code, 'invalid_encoding');
      assert.match(error.message, new RegExp(encoding));
    });
  }
});

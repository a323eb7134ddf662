import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keepSpeakable } from '../../../server/text/index.ts';

const ascii = (ch: string) => /^[\x20-\x7e]$/u.test(ch);

describe('keepSpeakable', () => {
  it('keeps what the tokenizer knows', () => {
    assert.deepEqual(keepSpeakable('Hello, world!', ascii), { text: 'Hello, world!', dropped: {} });
  });

  it('transliterates through NFKD and a few letter fallbacks', () => {
    assert.equal(keepSpeakable('Crème brûlée, Straße, Øresund, “quoted” – ﬁne…', ascii).text, 'Creme brulee, Strasse, Oresund, "quoted" - fine...');
  });

  it('drops what has no fallback and counts it', () => {
    assert.deepEqual(keepSpeakable('a ☃ b ☃ c ✓', ascii), { text: 'a b c ', dropped: { '☃': 2, '✓': 1 } });
  });

  it('leaves characters alone that the vocabulary knows even when they are not ASCII', () => {
    const knowsGerman = (ch: string) => ascii(ch) || 'äöüß'.includes(ch);
    assert.deepEqual(keepSpeakable('Grüße aus Köln', knowsGerman), { text: 'Grüße aus Köln', dropped: {} });
  });
});

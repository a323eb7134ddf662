import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_TEXT_REPLACEMENT, normalizePunctuation } from '../../../../server/engine/text/punctuation-normalizer.ts';

describe('normalizePunctuation (upstream punc_norm)', () => {
  it('replaces empty text with the upstream sentence', () => {
    assert.equal(normalizePunctuation(''), EMPTY_TEXT_REPLACEMENT);
  });

  it('capitalizes the first letter, collapses whitespace and adds a full stop', () => {
    assert.equal(normalizePunctuation('please   wait\n here '), 'Please wait here.');
  });

  it('rewrites ellipses, colons, semicolons, dashes and curly quotes in upstream order (after collapsing spaces)', () => {
    // Upstream collapses whitespace first, so "..." -> ", " leaves a double space behind.
    assert.equal(normalizePunctuation('Well... then: go; now — “fine” ‘ok’ a - b'), 'Well,  then, go,  now - "fine" \'ok\' a, b.');
  });

  it('keeps a final . ! ? - , and CJK sentence enders', () => {
    for (const text of ['Done!', 'Really?', 'So,', 'Wait-', '好。', '好！', '好？', 'はい、']) assert.equal(normalizePunctuation(text), text);
  });

  it('leaves uncased scripts alone at the start', () => {
    assert.equal(normalizePunctuation('你好'), '你好.');
    assert.equal(normalizePunctuation('ümlaut'), 'Ümlaut.');
  });

  it('adds no final full stop to a fragment of a longer sentence, and still normalizes it', () => {
    assert.equal(normalizePunctuation('and then we walked on: slowly', { fragment: true }), 'And then we walked on, slowly');
    assert.equal(normalizePunctuation('and then we walked on'), 'And then we walked on.');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SpanText } from '../../../server/text/span-text.ts';

describe('SpanText', () => {
  it('rewrites and still finds the source of any stretch of the new text', () => {
    const span = new SpanText('It costs 5 € today. See you at 9.');
    span.rewrite(/5 €/gu, () => 'five euros').rewrite(/\b9\b/gu, () => 'nine');
    assert.equal(span.text, 'It costs five euros today. See you at nine.');
    const second = span.text.indexOf('See');
    assert.equal(span.sourceOf(0, second - 1), 'It costs 5 € today.');
    assert.equal(span.sourceOf(second, span.text.length), 'See you at 9.');
  });

  it('maps a part of a replacement to all of what it replaced', () => {
    const span = new SpanText('Total: 1,234 items');
    span.rewrite(/1,234/gu, () => 'one thousand two hundred thirty-four');
    const start = span.text.indexOf('two');
    assert.equal(span.sourceOf(start, start + 3), '1,234');
  });

  it('lets a later pattern match across earlier replacements', () => {
    const span = new SpanText('a&b');
    span.rewrite(/&/gu, () => ' and ').rewrite(/a and b/gu, () => 'both');
    assert.equal(span.text, 'both');
    assert.equal(span.sourceOf(0, 4), 'a&b');
  });

  it('leaves the text alone when the replacer declines', () => {
    const span = new SpanText('keep 12 as is');
    span.rewrite(/\d+/gu, () => undefined);
    assert.equal(span.text, 'keep 12 as is');
    assert.equal(span.sourceOf(5, 7), '12');
  });
});

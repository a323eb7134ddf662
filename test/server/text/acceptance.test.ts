// The two LLM-style requests (issue 10, "How we will check it").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareSpeech } from '../../../server/text/index.ts';

describe('LLM-style requests', () => {
  it('German: no digit, no markup, no % or €; words for third, twenty-one comma five, percent, euro; at most three chunks', () => {
    const script = prepareSpeech('**Heute** ist der 3. Dezember 2026, es sind 21,5 °C und 15 % Regen. Kosten: 12,99 €.', 'de');
    const spoken = script.chunks.map((c) => c.spoken).join(' ');
    assert.doesNotMatch(spoken, /[\d*%€]/u);
    for (const word of ['dritte', 'einundzwanzig Komma fünf', 'Prozent', 'Euro']) assert.ok(spoken.includes(word), `${word} in ${spoken}`);
    assert.ok(script.chunks.length <= 3);
    assert.equal(script.chunks[0]?.source, 'Heute ist der 3. Dezember 2026, es sind 21,5 °C und 15 % Regen.');
  });

  it('English: $1,234.56 and 3rd become words, no digit or symbol is left', () => {
    const script = prepareSpeech('**Today** is the 3rd of December 2026. The bill is $1,234.56, that is 15 % more.', 'en');
    const spoken = script.chunks.map((c) => c.spoken).join(' ');
    assert.doesNotMatch(spoken, /[\d*%$]/u);
    for (const word of ['third', 'one thousand two hundred thirty-four dollars and fifty-six cents', 'percent']) assert.ok(spoken.includes(word), `${word} in ${spoken}`);
    assert.ok(script.chunks.length <= 3);
  });

  it('the issue report: markup and the German ordinal no longer split the sentence', () => {
    const script = prepareSpeech('**Guten Morgen!** Heute ist der 3. Dezember, es sind 21 Grad.', 'de');
    assert.deepEqual(
      script.chunks.map((c) => c.spoken),
      ['Guten Morgen!', 'Heute ist der dritte Dezember, es sind einundzwanzig Grad.'],
    );
  });
});

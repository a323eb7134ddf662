import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SPEECH_OPTIONS, isEmptyScript, prepareSpeech } from '../../../server/text/index.ts';

describe('prepareSpeech', () => {
  it('gives one chunk per sentence, a sentence pause between sentences and none after the last', () => {
    const script = prepareSpeech('The first sentence is here. And the second one follows!', 'en');
    assert.deepEqual(
      script.chunks.map((c) => [c.spoken, c.pauseAfterMs]),
      [
        ['The first sentence is here.', DEFAULT_SPEECH_OPTIONS.sentencePauseMs],
        ['And the second one follows!', 0],
      ],
    );
    assert.equal(script.leadingPauseMs, 0);
  });

  it('pauses longer after a paragraph than after a sentence', () => {
    const script = prepareSpeech('First paragraph, one sentence.\n\nSecond paragraph here.', 'en', { paragraphPauseMs: 700, sentencePauseMs: 100 });
    assert.deepEqual(
      script.chunks.map((c) => c.pauseAfterMs),
      [700, 0],
    );
  });

  it('does not end a sentence after a German ordinal or an abbreviation', () => {
    const script = prepareSpeech('Wir treffen uns am 3. Dezember im Büro. Bringt z. B. Kekse mit, bitte.', 'de', { normalize: false });
    assert.deepEqual(
      script.chunks.map((c) => c.source),
      ['Wir treffen uns am 3. Dezember im Büro.', 'Bringt z. B. Kekse mit, bitte.'],
    );
  });

  it('yields no chunk for text of only invisible characters, so the caller can answer empty_text', () => {
    for (const text of ['', '   \n\n ', '\u200b\u200c\u200d\u200e\u202a\u2066\ufeff', '\u0000\u0007']) {
      assert.ok(isEmptyScript(prepareSpeech(text, 'en')), JSON.stringify(text));
      assert.ok(isEmptyScript(prepareSpeech(text, 'en', { normalize: false })), JSON.stringify(text));
    }
    assert.ok(!isEmptyScript(prepareSpeech('Hello.', 'en')));
  });

  it('removes invisible characters from what the model reads', () => {
    assert.equal(prepareSpeech('Hel\u200blo wor\u202ald.', 'en').chunks[0]?.spoken, 'Hello world.');
  });
});

describe('inline pauses', () => {
  it('splits a sentence at [pause …] into fragments with the pause after the first part', () => {
    const script = prepareSpeech('And the winner is [pause 1.5s] the tiny model.', 'en');
    assert.deepEqual(
      script.chunks.map((c) => [c.spoken, c.fragment, c.pauseAfterMs]),
      [
        ['And the winner is', true, 1500],
        ['the tiny model.', false, 0],
      ],
    );
  });

  it('accepts SSML breaks, clamps to maxPauseMs, and puts a pause at the start before the first chunk', () => {
    const script = prepareSpeech('<break time="300ms"/> Hello there, friend. <break time="20s"/> Goodbye, my friend.', 'en', { maxPauseMs: 5000 });
    assert.equal(script.leadingPauseMs, 300);
    assert.deepEqual(
      script.chunks.map((c) => [c.spoken, c.fragment, c.pauseAfterMs]),
      [
        ['Hello there, friend.', false, 5000],
        ['Goodbye, my friend.', false, 0],
      ],
    );
  });

  it('keeps a pause the user put at the very end', () => {
    const script = prepareSpeech('Wait for it. [pause 800ms]', 'en');
    assert.equal(script.chunks.at(-1)?.pauseAfterMs, 800);
  });
});

describe('sentence splitting on the normalized text', () => {
  it('does not split after abbreviations of the language or dot ordinals', () => {
    const cases: Array<[Parameters<typeof prepareSpeech>[1], string, number]> = [
      ['en', 'We met Dr. Smith at the clinic. It was fine.', 2],
      ['en', 'Bring fruit, e.g. apples and pears. Then come in.', 2],
      ['de', 'Wir kommen am 3. Dezember gegen Mittag. Bis bald, Anna.', 2],
      ['de', 'Nimm z. B. den Zug um acht. Er ist schneller als das Auto.', 2],
      ['fr', 'M. Dupont arrive demain matin. Il sera en retard.', 2],
      ['es', 'El Sr. García llega mañana temprano. Luego comemos.', 2],
      ['fi', 'Tavataan 3. joulukuuta kello kaksi. Nähdään silloin.', 2],
    ];
    for (const [language, text, count] of cases) {
      const chunks = prepareSpeech(text, language).chunks;
      assert.equal(chunks.length, count, `${language}: ${JSON.stringify(chunks.map((c) => c.spoken))}`);
    }
  });

  it('keeps the full stop of a sentence-ending abbreviation', () => {
    assert.deepEqual(
      prepareSpeech('Wir brauchen Mehl, Zucker usw. Dann backen wir einen Kuchen.', 'de').chunks.map((c) => c.spoken),
      ['Wir brauchen Mehl, Zucker und so weiter.', 'Dann backen wir einen Kuchen.'],
    );
  });

  it('cuts an over-long sentence into fragments, each with its own source', () => {
    const sentence = `${'word '.repeat(40).trim()}, ${'more '.repeat(40).trim()}.`;
    const chunks = prepareSpeech(sentence, 'en').chunks;
    assert.equal(chunks.length, 2);
    assert.deepEqual(
      chunks.map((c) => c.fragment),
      [true, false],
    );
    assert.equal(chunks.map((c) => c.source).join(' '), sentence);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maxChunkChars, splitIntoChunks } from '../../../server/text/sentence-chunker.ts';

describe('splitIntoChunks', () => {
  it('puts one sentence per chunk', () => {
    assert.deepEqual(splitIntoChunks('The first sentence is here. And the second one follows!  Is there a third?', 'en'), [
      'The first sentence is here.',
      'And the second one follows!',
      'Is there a third?',
    ]);
  });

  it('merges fragments too short to stand alone', () => {
    assert.deepEqual(splitIntoChunks('Hi. How are you doing today, my friend?', 'en'), ['Hi. How are you doing today, my friend?']);
  });

  it('splits Chinese and Japanese at full-width sentence punctuation and joins without spaces', () => {
    assert.deepEqual(splitIntoChunks('你好。今天天气很好！我们走吧？', 'zh'), ['你好。今天天气很好！', '我们走吧？']);
    assert.deepEqual(splitIntoChunks('今日は良い天気です。散歩に行きましょう！', 'ja'), ['今日は良い天気です。', '散歩に行きましょう！']);
  });

  it('splits Hindi at the danda', () => {
    assert.deepEqual(splitIntoChunks('यह पहला वाक्य है। यह दूसरा वाक्य है।', 'hi'), ['यह पहला वाक्य है।', 'यह दूसरा वाक्य है।']);
  });

  it('breaks an over-long sentence at clause punctuation, then at spaces, within the limit', () => {
    const clause = 'word '.repeat(20).trim();
    const chunks = splitIntoChunks(`${clause}, ${clause}, ${clause}.`, 'en', 120);
    assert.equal(chunks.length, 3);
    assert.ok(chunks.every((c) => c.length <= 120));
    const spaced = splitIntoChunks(`${'word '.repeat(100).trim()}.`, 'en', 120);
    assert.ok(spaced.length >= 5 && spaced.every((c) => c.length <= 120));
  });

  it('cuts unspaced text between characters when nothing else fits', () => {
    const chunks = splitIntoChunks('字'.repeat(200), 'zh');
    assert.deepEqual(chunks.map((c) => c.length), [80, 80, 40]);
    assert.equal(maxChunkChars('zh'), 80);
  });

  it('returns no chunks for blank text', () => {
    assert.deepEqual(splitIntoChunks('  \n ', 'en'), []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CangjieConverter } from '../../../../server/engine/text/cangjie-converter.ts';
import { katakanaToHiragana, toHiraganaReading, type ReadingTokenizer } from '../../../../server/engine/text/japanese-kana.ts';
import { decomposeHangul } from '../../../../server/engine/text/korean-jamo.ts';
import { preprocessText } from '../../../../server/engine/text/language-preprocessor.ts';

const cangjie = new CangjieConverter(['你\tonf', '好\tvnd', '日\ta', '曰\ta', '界\twoll']);

describe('per-language preprocessing rules', () => {
  it('prefixes the lowercase language tag without a space', () => {
    assert.equal(preprocessText('hola', 'es', {}), '[es]Hola.');
  });

  it('case-folds with lowercase + NFKD only when asked (v2 tokenizer behaviour)', () => {
    assert.equal(preprocessText('Café', 'fr', {}), '[fr]Café.');
    assert.equal(preprocessText('Café', 'fr', {}, { caseFold: true }), '[fr]cafe\u0301.');
  });

  it('zh: encodes each known Han character as [cj_*] codes with an index for shared codes', () => {
    assert.equal(cangjie.convert('你好', { segmentWords: false }), '[cj_o][cj_n][cj_f][cj_.][cj_v][cj_n][cj_d][cj_.]');
    assert.equal(cangjie.convert('日曰', { segmentWords: false }), '[cj_a][cj_.][cj_a][cj_1][cj_.]');
  });

  it('zh: passes unknown characters and punctuation through', () => {
    assert.equal(cangjie.convert('你他。', { segmentWords: false }), '[cj_o][cj_n][cj_f][cj_.]他。');
  });

  it('zh: separates segmented words with spaces, like pkuseg upstream', () => {
    assert.equal(cangjie.convert('你好，界', {}), '[cj_o][cj_n][cj_f][cj_.][cj_v][cj_n][cj_d][cj_.] ， [cj_w][cj_o][cj_l][cj_l][cj_.]');
  });

  it('ja: kanji words become hiragana readings, kana stays, a space goes before は/へ readings, then NFKD', () => {
    const readings: ReadingTokenizer = () => [
      { surface: '花', reading: 'ハナ' },
      { surface: 'が', reading: 'ガ' },
      { surface: '東京', reading: 'トウキョウ' },
      { surface: 'ラーメン', reading: 'ラーメン' },
    ];
    assert.equal(toHiraganaReading('花が東京ラーメン', readings), ' はなか\u3099とうきょうラーメン'.normalize('NFKD'));
    assert.equal(katakanaToHiragana('トウキョウ'), 'とうきょう');
  });

  it('ko: Hangul syllables become initial, medial and (when present) final jamo', () => {
    assert.equal(decomposeHangul('한국어'), '\u1112\u1161\u11ab\u1100\u116e\u11a8\u110b\u1165');
    assert.equal(decomposeHangul(' 가 '), '\u1100\u1161');
  });

  it('he and ru: go through unchanged apart from punctuation (documented gaps)', () => {
    assert.equal(preprocessText('שלום עולם', 'he', {}), '[he]שלום[SPACE]עולם.');
    assert.equal(preprocessText('привет мир', 'ru', {}), '[ru]Привет[SPACE]мир.');
  });

  it('marks a fragment with no full stop and spaces as [SPACE]', () => {
    assert.equal(preprocessText('half of a long sentence', 'en', {}, { fragment: true }), '[en]Half[SPACE]of[SPACE]a[SPACE]long[SPACE]sentence');
  });
});

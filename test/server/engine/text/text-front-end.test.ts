/**
 * Golden tests: preprocessed strings and token ids of the tiny tokenizer, hand-checked.
 * With caseFold they reproduce the upstream golden sequences of the reference (§3.2),
 * whose ids the tiny vocabulary shares.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TextFrontEnd } from '../../../../server/engine/text/text-front-end.ts';
import type { LanguageCode } from '../../../../server/shared/languages.ts';
import { tinyModel } from '../tiny-model.fixture.ts';

let v1: TextFrontEnd;
let v2: TextFrontEnd;
before(async () => {
  const { dir } = await tinyModel();
  v1 = await TextFrontEnd.load(dir);
  v2 = await TextFrontEnd.load(dir, { caseFold: true });
});

async function encode(front: TextFrontEnd, text: string, language: LanguageCode): Promise<{ preprocessed: string; ids: string }> {
  const [chunk, extra] = await front.encodeChunks(text, language);
  assert.equal(extra, undefined);
  return { preprocessed: chunk!.preprocessed, ids: chunk!.ids.join(' ') };
}

describe('text front-end golden sequences', () => {
  it('en "Yes" and "How are you?" match the reference ids', async () => {
    assert.equal((await encode(v2, 'Yes', 'en')).ids, '6563 255 708 38 61 9 0 6561 6561');
    assert.equal((await encode(v2, 'How are you?', 'en')).ids, '6563 255 708 21 69 2 127 2 74 13 0 6561 6561');
  });

  it('fr "Café au lait" matches the reference ids (NFKD splits the accent)', async () => {
    assert.equal((await encode(v2, 'Café au lait', 'fr')).ids, '6563 255 634 183 132 764 2 14 34 2 25 14 60 9 0 6561 6561');
  });

  it('ko "안녕하세요" matches the reference jamo ids', async () => {
    assert.equal((await encode(v1, '안녕하세요', 'ko')).ids, '6563 255 724 1794 1880 1954 1785 1886 1971 1801 1880 1792 1885 1794 1892 9 0 6561 6561');
  });

  it('zh "你好世界" matches the reference Cangjie ids, with [SPACE] between segmented words', async () => {
    const { preprocessed, ids } = await encode(v1, '你好世界', 'zh');
    assert.equal(preprocessed, '[zh][cj_o][cj_n][cj_f][cj_.][cj_v][cj_n][cj_d][cj_.][SPACE][cj_p][cj_t][cj_.][cj_w][cj_o][cj_l][cj_l][cj_.][SPACE].');
    // The reference sequence (no segmentation) with a [SPACE] (2) between the words and before the stop.
    assert.equal(ids, '6563 255 725 747 746 738 2064 754 746 736 2064 2 748 752 2064 755 747 744 744 2064 2 9 0 6561 6561');
  });

  it('en keeps case by default (v1 weights): "Yes" starts with the uppercase Y', async () => {
    assert.deepEqual(await encode(v1, 'Yes', 'en'), { preprocessed: '[en]Yes.', ids: '6563 255 708 324 61 9 0 6561 6561' });
  });

  it('ja reads kanji as hiragana and splits the voiced mark', async () => {
    const { preprocessed, ids } = await encode(v1, '今日は良い天気です', 'ja');
    assert.equal(preprocessed, '[ja]きょうはよいてんきて\u3099す.');
    assert.equal(ids, '6563 255 723 1142 1200 1135 1176 1201 1133 1167 1212 1142 1167 1307 1154 9 0 6561 6561');
  });

  it('de keeps precomposed letters by default and decomposes them with caseFold', async () => {
    assert.equal((await encode(v1, 'Grüße', 'de')).ids, '6563 255 636 306 31 396 367 18 9 0 6561 6561');
    assert.equal((await encode(v2, 'Grüße', 'de')).ids, '6563 255 636 20 31 34 762 367 18 9 0 6561 6561');
  });

  it('ru and he map letter by letter', async () => {
    assert.equal((await encode(v1, 'Привет мир', 'ru')).ids, '6563 255 713 847 816 808 802 805 818 2 812 808 816 9 0 6561 6561');
    assert.equal((await encode(v1, 'שלום עולם', 'he')).ids, '6563 255 704 945 932 925 933 2 938 925 932 933 9 0 6561 6561');
  });

  it('drops characters the tokenizer has no token for and reports them, so none becomes [UNK] (1)', async () => {
    const [chunk] = await v1.encodeChunks('Snow ☃ falls. ☃', 'en');
    assert.equal(chunk!.text, 'Snow falls.');
    assert.deepEqual(chunk!.dropped, { '☃': 2 });
    assert.equal(chunk!.ids.join(' '), (await encode(v1, 'Snow falls.', 'en')).ids);
    assert.ok(!chunk!.ids.includes(1));
  });

  it('transliterates an unknown character whose compatibility form is known, and leaves an unspeakable chunk without a prompt', async () => {
    const [ligature, nothing] = await v1.encodeChunks([{ spoken: 'The ﬁrst', fragment: false }, { spoken: '☃', fragment: false }], 'en');
    assert.equal(ligature!.text, 'The first');
    assert.deepEqual(ligature!.dropped, {});
    assert.deepEqual([nothing!.text, nothing!.ids, nothing!.dropped], ['', [], { '☃': 1 }]);
  });

  it('keeps the final full stop off a fragment (a sentence cut at an inline pause)', async () => {
    const [whole, fragment] = await v1.encodeChunks([{ spoken: 'Wait', fragment: false }, { spoken: 'Wait', fragment: true }], 'en');
    assert.equal(whole!.preprocessed, '[en]Wait.');
    assert.equal(fragment!.preprocessed, '[en]Wait');
  });

  it('counts text tokens from [START] to [STOP]', async () => {
    const [chunk] = await v1.encodeChunks('Yes', 'en');
    assert.equal(chunk!.textTokens, 6);
  });

  it('turns spaces into [SPACE] itself, as upstream MTLTokenizer.encode does, with the same ids', async () => {
    const { preprocessed, ids } = await encode(v2, 'How are you?', 'en');
    assert.equal(preprocessed, '[en]how[SPACE]are[SPACE]you?');
    assert.equal(ids, '6563 255 708 21 69 2 127 2 74 13 0 6561 6561');
  });

  it('reads control tokens typed in user text as letters: one [STOP], one language tag, no Cangjie codes', async () => {
    const [chunk] = await v1.encodeChunks('Say [STOP] and [START] in [fr] with [cj_a][cj_.] and [[en]] too', 'en');
    const ids = chunk!.ids;
    assert.equal(ids.filter((id) => id === 0).length, 1);
    assert.equal(ids.filter((id) => id === 255).length, 1);
    assert.deepEqual(ids.filter((id) => id === 634 || id === 708), [708]);
    assert.ok(ids.every((id) => id < 733 || id > 758));
    assert.ok(ids.every((id) => id !== 2064));
    // "_" has no token in the tiny vocabulary, so the tokenizer pass drops it (and reports it).
    assert.match(chunk!.preprocessed, /^\[en\]Say\[SPACE\]STOP\[SPACE\]and\[SPACE\]START\[SPACE\]in\[SPACE\]fr\[SPACE\]with\[SPACE\]cjacj\./);
    assert.deepEqual(chunk!.dropped, { _: 2 });
  });
});

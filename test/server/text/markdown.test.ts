import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareSpeech, type SpeechOptions } from '../../../server/text/index.ts';

const spokenWithPauses = (markdown: string) => prepareSpeech(markdown, 'en').chunks.map((c) => [c.spoken, c.pauseAfterMs]);
const spoken = (markdown: string, options: Partial<SpeechOptions> = {}) => prepareSpeech(markdown, 'en', options).chunks.map((c) => c.spoken);

describe('Markdown to spoken text', () => {
  it('emphasis, strong and strikethrough keep their words', () => {
    assert.deepEqual(spoken('This is *really* **very** ~~quite~~ _good_ news.'), ['This is really very quite good news.']);
  });

  it('links keep their text, autolinks are said as their host', () => {
    assert.deepEqual(spoken('Read [the manual](https://example.com/manual) or <https://docs.example.org/start> now.'), ['Read the manual or docs dot example dot org now.']);
  });

  it('images keep their alt text', () => {
    assert.deepEqual(spoken('Here is ![a sleeping cat](cat.png) on the sofa.'), ['Here is a sleeping cat on the sofa.']);
  });

  it('headings become sentences with a paragraph pause after them', () => {
    assert.deepEqual(spokenWithPauses('## Weather today\nIt will be sunny all day.'), [
      ['Weather today.', 600],
      ['It will be sunny all day.', 0],
    ]);
  });

  it('list items become sentences; the list ends with a paragraph pause', () => {
    const markdown = 'You need:\n\n- fresh apples\n- two pears\n\n1. Wash them\n2. Cut them\n\nDone now.';
    assert.deepEqual(
      spokenWithPauses(markdown),
      [
        ['You need:', 600],
        ['fresh apples.', 150],
        ['two pears.', 600],
        ['Wash them.', 150],
        ['Cut them.', 600],
        ['Done now.', 0],
      ],
    );
  });

  it('code blocks become a short phrase in the language, or nothing', () => {
    const markdown = 'Run this:\n\n```bash\nnpm install && npm start\n```\n\nThat is all.';
    assert.deepEqual(spoken(markdown), ['Run this:', 'Code block.', 'That is all.']);
    assert.deepEqual(spoken(markdown, { codeBlocks: 'drop' }), ['Run this:', 'That is all.']);
    assert.deepEqual(
      prepareSpeech('    indented code\n\nNach dem Code.', 'de').chunks.map((c) => c.spoken),
      ['Codebeispiel.', 'Nach dem Code.'],
    );
  });

  it('inline code keeps its text', () => {
    assert.deepEqual(spoken('Call the `start` function.'), ['Call the start function.']);
  });

  it('tables are read row by row, replaced by a phrase, or dropped', () => {
    const table = '| Fruit | Price |\n|---|---|\n| Apple | 2 € |\n\nEnd of list.';
    assert.deepEqual(spoken(table), ['Fruit, Price.', 'Apple, two euros.', 'End of list.']);
    assert.deepEqual(spoken(table, { tables: 'phrase' }), ['Table.', 'End of list.']);
    assert.deepEqual(spoken(table, { tables: 'drop' }), ['End of list.']);
  });

  it('HTML tags are removed, their text stays', () => {
    assert.deepEqual(spoken('Some <b>bold</b> words.\n\n<div class="note">A note block.</div>'), ['Some bold words.', 'A note block.']);
  });

  it('block quotes are read, horizontal rules are silent', () => {
    assert.deepEqual(spoken('> Quoted words here.\n\n---\n\nAfter the rule.'), ['Quoted words here.', 'After the rule.']);
  });

  it('the caption source is the sentence without markup, the spoken text is normalized', () => {
    const [chunk] = prepareSpeech('**Save 15 %** on [all items](https://shop.example).', 'en').chunks;
    assert.equal(chunk?.source, 'Save 15 % on all items.');
    assert.equal(chunk?.spoken, 'Save fifteen percent on all items.');
  });

  it('normalize: false leaves Markdown and numbers as written', () => {
    assert.deepEqual(spoken('**Save 15 %** now.', { normalize: false }), ['**Save 15 %** now.']);
  });
});

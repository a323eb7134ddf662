/**
 * Markdown (as LLMs write it) to blocks of plain text, with markdown-it's parser: emphasis and
 * links keep their words, images their alt text, inline code its text; headings, paragraphs and
 * list items become blocks of their own (sentences), code blocks and tables become a short
 * phrase, a row-by-row reading or nothing (options), HTML tags are dropped.
 */
import MarkdownIt, { type Token } from 'markdown-it';
import type { LanguageCode } from '../../shared/languages.ts';
import type { SpeechOptions } from '../speech-options.ts';
import type { TextBlock } from '../text-blocks.ts';
import { inlineText } from './inline-text.ts';
import { phrasesFor } from './phrases.ts';


const parser = new MarkdownIt('commonmark', { html: true }).enable(['table', 'strikethrough']);
const ENDS_WITH_PUNCTUATION = /[.!?。！？।؟:;,…]$/u;
const FULL_STOP: Partial<Record<LanguageCode, string>> = { zh: '。', ja: '。', hi: '।' };
const HTML_TAG = /<[^>]*>/gu;

export function markdownBlocks(markdown: string, language: LanguageCode, options: Pick<SpeechOptions, 'codeBlocks' | 'tables'>): TextBlock[] {
  const tokens = parser.parse(markdown, {});
  const blocks: TextBlock[] = [];
  const phrases = phrasesFor(language);
  let listDepth = 0;
  let row: string[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    switch (token.type) {
      case 'heading_open':
        blocks.push({ text: asSentence(language, inlineText(tokens[i + 1]!)), pause: 'paragraph' });
        i += 2;
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth++;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth--;
        endParagraph(blocks);
        break;
      case 'inline':
        if (row) row.push(inlineText(token));
        else blocks.push({ text: listDepth > 0 ? asSentence(language, inlineText(token)) : inlineText(token), pause: listDepth > 0 ? 'sentence' : 'paragraph' });
        break;
      case 'fence':
      case 'code_block':
        if (options.codeBlocks === 'phrase') blocks.push({ text: phrases.code, pause: 'paragraph' });
        break;
      case 'table_open':
        if (options.tables === 'read') break;
        if (options.tables === 'phrase') blocks.push({ text: phrases.table, pause: 'paragraph' });
        i = skipTo(tokens, i, 'table_close');
        break;
      case 'tr_open':
        row = [];
        break;
      case 'tr_close':
        if (row && row.some((cell) => cell.trim() !== '')) blocks.push({ text: asSentence(language, row.filter((c) => c.trim() !== '').join(', ')), pause: 'sentence' });
        row = undefined;
        break;
      case 'table_close':
      case 'blockquote_close':
        endParagraph(blocks);
        break;
      case 'html_block':
        blocks.push({ text: token.content.replace(HTML_TAG, ' '), pause: 'paragraph' });
        break;
    }
  }
  return blocks;
}

/** Headings, list items and table rows are read as sentences of their own. */
function asSentence(language: LanguageCode, text: string): string {
  const trimmed = text.trimEnd();
  return trimmed === '' || ENDS_WITH_PUNCTUATION.test(trimmed) ? trimmed : trimmed + (FULL_STOP[language] ?? '.');
}

function endParagraph(blocks: TextBlock[]): void {
  const last = blocks.at(-1);
  if (last) last.pause = 'paragraph';
}

function skipTo(tokens: Token[], from: number, type: string): number {
  let i = from;
  while (i < tokens.length - 1 && tokens[i]!.type !== type) i++;
  return i;
}

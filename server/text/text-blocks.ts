/** A unit of text read as a whole: a paragraph, heading, list item, table row or phrase. */
export interface TextBlock {
  text: string;
  /** Paragraphs, headings and the last item of a list end with the longer paragraph pause. */
  pause: 'sentence' | 'paragraph';
}

/** Plain text (normalize: false): paragraphs are separated by blank lines. */
export function plainBlocks(text: string): TextBlock[] {
  return text.split(/\n[^\S\n]*\n\s*/u).map((paragraph) => ({ text: paragraph, pause: 'paragraph' as const }));
}

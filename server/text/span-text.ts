/**
 * Text being rewritten that remembers where each piece came from, so a sentence found in the
 * spoken (normalized) text can be traced back to the sentence the user wrote (captions).
 * Untouched pieces map character by character; a replacement maps as a whole to what it replaced.
 */
interface Span {
  text: string;
  srcStart: number;
  srcEnd: number;
  /** text === source.slice(srcStart, srcEnd): offsets inside map exactly. */
  identity: boolean;
}

export type Replacer = (match: RegExpExecArray) => string | undefined;

export class SpanText {
  private spans: Span[];

  constructor(readonly source: string) {
    this.spans = source === '' ? [] : [{ text: source, srcStart: 0, srcEnd: source.length, identity: true }];
  }

  get text(): string {
    return this.spans.map((s) => s.text).join('');
  }

  /**
   * Replaces every match of a global pattern, found in the whole current text (a match may span
   * earlier replacements; it then maps to all of their source). The replacer returns the new
   * text, or undefined to leave the match as it is.
   */
  rewrite(pattern: RegExp, replacer: Replacer): this {
    const full = this.text;
    const next: Span[] = [];
    let index = 0;
    let spanStart = 0;
    let pos = 0;
    const copyUntil = (target: number) => {
      while (pos < target && index < this.spans.length) {
        const span = this.spans[index]!;
        const spanEnd = spanStart + span.text.length;
        const to = Math.min(target, spanEnd);
        next.push(...this.slice(span, pos - spanStart, to - spanStart));
        pos = to;
        if (pos === spanEnd) [index, spanStart] = [index + 1, spanEnd];
      }
    };
    pattern.lastIndex = 0;
    for (let match = pattern.exec(full); match !== null; match = pattern.exec(full)) {
      if (match[0] === '') {
        pattern.lastIndex++;
        continue;
      }
      const replacement = replacer(match);
      if (replacement === undefined || replacement === match[0]) continue;
      const end = match.index + match[0].length;
      copyUntil(match.index);
      // Walk from the span holding the match start (no rescan from the beginning: linear overall).
      const first = this.spans[index];
      const srcStart = first ? (first.identity ? first.srcStart + (match.index - spanStart) : first.srcStart) : this.source.length;
      let srcEnd = srcStart;
      while (index < this.spans.length && spanStart < end) {
        const span = this.spans[index]!;
        const spanEnd = spanStart + span.text.length;
        srcEnd = span.identity ? span.srcStart + (Math.min(end, spanEnd) - spanStart) : span.srcEnd;
        if (spanEnd > end) break;
        [index, spanStart] = [index + 1, spanEnd];
      }
      next.push({ text: replacement, srcStart, srcEnd: Math.max(srcStart, srcEnd), identity: false });
      pos = end;
    }
    copyUntil(full.length);
    this.spans = next.filter((s) => s.text !== '' || s.srcEnd > s.srcStart);
    return this;
  }

  /** The stretch of the source that produced text[start, end). */
  sourceOf(start: number, end: number): string {
    const { srcStart, srcEnd } = this.sourceRange(start, end);
    return this.source.slice(srcStart, srcEnd);
  }

  private sourceRange(start: number, end: number): { srcStart: number; srcEnd: number } {
    let offset = 0;
    let srcStart: number | undefined;
    let srcEnd = 0;
    for (const span of this.spans) {
      const spanEnd = offset + span.text.length;
      if (srcStart === undefined && start < spanEnd) srcStart = span.identity ? span.srcStart + Math.max(0, start - offset) : span.srcStart;
      if (end > offset && spanEnd > offset) srcEnd = span.identity ? span.srcStart + Math.min(span.text.length, end - offset) : span.srcEnd;
      if (spanEnd >= end) break;
      offset = spanEnd;
    }
    return { srcStart: srcStart ?? 0, srcEnd: Math.max(srcEnd, srcStart ?? 0) };
  }

  private slice(span: Span, from: number, to: number): Span[] {
    if (to <= from) return [];
    if (!span.identity) return from === 0 && to === span.text.length ? [span] : [{ ...span, text: span.text.slice(from, to) }];
    return [{ text: span.text.slice(from, to), srcStart: span.srcStart + from, srcEnd: span.srcStart + to, identity: true }];
  }
}

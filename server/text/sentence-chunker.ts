/**
 * Splits text into chunks the model handles well: one sentence per run is the safe default (a
 * run over two sentences tends to read the first and ramble, reference §5.1). Sentences come
 * from ICU's sentence segmenter (Intl.Segmenter), which knows CJK, Hindi, Arabic and Greek
 * sentence punctuation; a break the language's abbreviation list or ordinal rule rules out
 * ("z. B.", "Dr.", "3. Dezember") is undone. Over-long sentences are broken at clause
 * punctuation, then at spaces, then (scripts without spaces) between graphemes. Pieces shorter
 * than minChunkChars(language) are merged with a neighbour so no chunk is a lone word.
 * Chunks are ranges of the input, so callers can map them back to what the user wrote.
 */
import type { LanguageCode } from '../shared/languages.ts';
import { isFalseSentenceEnd } from './sentence-ends.ts';

/** Character budget per chunk; Chinese and Japanese characters expand to several tokens each. */
const MAX_CHUNK_CHARS: Partial<Record<LanguageCode, number>> = { zh: 80, ja: 80, ko: 120 };
const DEFAULT_MAX_CHUNK_CHARS = 250;
/** Shorter pieces are merged with a neighbour; CJK packs a sentence into few characters. */
const MIN_CHUNK_CHARS: Partial<Record<LanguageCode, number>> = { zh: 4, ja: 4, ko: 5 };
const DEFAULT_MIN_CHUNK_CHARS = 12;

const CLAUSE_BREAK = /[,;:，、；：،]\s*/gu;
const SPACE = /\s+/gu;

export interface ChunkRange {
  start: number;
  end: number;
  /** A piece of a longer sentence (no sentence end after it). */
  fragment: boolean;
}

export function maxChunkChars(language: LanguageCode): number {
  return MAX_CHUNK_CHARS[language] ?? DEFAULT_MAX_CHUNK_CHARS;
}

function minChunkChars(language: LanguageCode): number {
  return MIN_CHUNK_CHARS[language] ?? DEFAULT_MIN_CHUNK_CHARS;
}

export function splitIntoChunks(text: string, language: LanguageCode, maxChars = maxChunkChars(language)): string[] {
  return chunkRanges(text, language, maxChars).map((r) => text.slice(r.start, r.end).replace(SPACE, ' '));
}

export function chunkRanges(text: string, language: LanguageCode, maxChars = maxChunkChars(language)): ChunkRange[] {
  const pieces = sentenceRanges(text, language).flatMap((sentence) => {
    const parts = splitLong(text, sentence, maxChars, language);
    return parts.map((part, i) => ({ ...part, fragment: i < parts.length - 1 }));
  });
  return mergeShort(pieces, maxChars, language);
}

/** Sentences as trimmed ranges, with the breaks after abbreviations and ordinals undone. */
function sentenceRanges(text: string, language: LanguageCode): ChunkRange[] {
  const sentences: ChunkRange[] = [];
  for (const { index, segment } of segmenter(language, 'sentence').segment(text)) {
    const range = trimRange(text, index, index + segment.length);
    if (range.end <= range.start) continue;
    const previous = sentences.at(-1);
    if (previous && isFalseSentenceEnd(text.slice(previous.start, previous.end), text.slice(range.start), language)) previous.end = range.end;
    else sentences.push({ ...range, fragment: false });
  }
  return sentences;
}

function splitLong(text: string, range: ChunkRange, maxChars: number, language: LanguageCode): ChunkRange[] {
  if (range.end - range.start <= maxChars) return [range];
  const clauses = cutAfter(text, range, CLAUSE_BREAK);
  if (clauses.length > 1) return pack(clauses.flatMap((c) => splitLong(text, c, maxChars, language)), maxChars);
  const words = cutAfter(text, range, SPACE);
  if (words.length > 1) return pack(words.flatMap((w) => splitLong(text, w, maxChars, language)), maxChars);
  return hardSplit(text, range, maxChars, language);
}

/** The range cut after each match of a global pattern, pieces trimmed. */
function cutAfter(text: string, range: ChunkRange, pattern: RegExp): ChunkRange[] {
  const part = text.slice(range.start, range.end);
  const pieces: ChunkRange[] = [];
  let from = 0;
  for (const match of part.matchAll(pattern)) {
    const to = match.index + match[0].length;
    pieces.push(trimRange(text, range.start + from, range.start + to));
    from = to;
  }
  pieces.push(trimRange(text, range.start + from, range.end));
  return pieces.filter((p) => p.end > p.start);
}

/** Greedily packs neighbouring pieces into chunks of at most maxChars. */
function pack(pieces: ChunkRange[], maxChars: number): ChunkRange[] {
  const chunks: ChunkRange[] = [];
  for (const piece of pieces) {
    const current = chunks.at(-1);
    if (current && piece.end - current.start <= maxChars) current.end = piece.end;
    else chunks.push({ ...piece });
  }
  return chunks;
}

/** A word longer than a chunk (or unspaced CJK text): cut between graphemes. */
function hardSplit(text: string, range: ChunkRange, maxChars: number, language: LanguageCode): ChunkRange[] {
  const chunks: ChunkRange[] = [];
  let count = 0;
  for (const { index } of segmenter(language, 'grapheme').segment(text.slice(range.start, range.end))) {
    if (count % maxChars === 0) chunks.push({ start: range.start + index, end: range.end, fragment: false });
    if (chunks.length > 1) chunks.at(-2)!.end = chunks.at(-1)!.start;
    count++;
  }
  return chunks;
}

function mergeShort(pieces: ChunkRange[], maxChars: number, language: LanguageCode): ChunkRange[] {
  const minChars = minChunkChars(language);
  const chunks: ChunkRange[] = [];
  for (const piece of pieces) {
    const last = chunks.at(-1);
    const short = last !== undefined && (last.end - last.start < minChars || piece.end - piece.start < minChars);
    if (last && short && piece.end - last.start <= maxChars) Object.assign(last, { end: piece.end, fragment: piece.fragment });
    else chunks.push({ ...piece });
  }
  return chunks;
}

function trimRange(text: string, start: number, end: number): ChunkRange {
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return { start, end, fragment: false };
}

const segmenters = new Map<string, Intl.Segmenter>();
/** Building a segmenter costs far more than using one. */
function segmenter(language: LanguageCode, granularity: 'sentence' | 'grapheme'): Intl.Segmenter {
  const key = `${language}:${granularity}`;
  let cached = segmenters.get(key);
  if (!cached) segmenters.set(key, (cached = new Intl.Segmenter(language, { granularity })));
  return cached;
}

/**
 * Splits long text into chunks the model handles well: one sentence per run is the safe
 * default (a run over two sentences tends to read the first and ramble, as dahshury/WinSTT
 * measured for this export; its src-tauri/src/winstt/tts/splitter.rs splits the same way).
 * Sentences come from ICU's sentence segmenter (Intl.Segmenter), which knows CJK, Hindi,
 * Arabic and Greek sentence punctuation. Over-long sentences are broken at clause
 * punctuation, then at spaces, then (scripts without spaces) between graphemes. Fragments
 * shorter than minChunkChars(language) are merged with a neighbour so no chunk is a lone word.
 */
import type { LanguageCode } from '../../shared/languages.ts';

/** Character budget per chunk; Chinese and Japanese characters expand to several tokens each. */
const MAX_CHUNK_CHARS: Partial<Record<LanguageCode, number>> = { zh: 80, ja: 80, ko: 120 };
const DEFAULT_MAX_CHUNK_CHARS = 250;
/** Shorter pieces are merged with a neighbour; CJK packs a sentence into few characters. */
const MIN_CHUNK_CHARS: Partial<Record<LanguageCode, number>> = { zh: 4, ja: 4, ko: 5 };
const DEFAULT_MIN_CHUNK_CHARS = 12;

const CLAUSE_BREAK = /(?<=[,;:，、；：،])\s*/u;

export function maxChunkChars(language: LanguageCode): number {
  return MAX_CHUNK_CHARS[language] ?? DEFAULT_MAX_CHUNK_CHARS;
}

function minChunkChars(language: LanguageCode): number {
  return MIN_CHUNK_CHARS[language] ?? DEFAULT_MIN_CHUNK_CHARS;
}

export function splitIntoChunks(text: string, language: LanguageCode, maxChars = maxChunkChars(language)): string[] {
  const segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
  const sentences = [...segmenter.segment(text)].map((s) => s.segment.replace(/\s+/gu, ' ').trim()).filter(Boolean);
  const pieces = sentences.flatMap((sentence) => splitLong(sentence, maxChars, language));
  return mergeShort(pieces, maxChars, language);
}

function splitLong(sentence: string, maxChars: number, language: LanguageCode): string[] {
  if (sentence.length <= maxChars) return [sentence];
  const clauses = sentence.split(CLAUSE_BREAK).filter(Boolean);
  if (clauses.length > 1) return packPieces(clauses.flatMap((c) => splitLong(c, maxChars, language)), maxChars, language);
  const words = sentence.split(' ').filter(Boolean);
  if (words.length > 1) return packPieces(words.flatMap((w) => splitLong(w, maxChars, language)), maxChars, language);
  return hardSplit(sentence, maxChars, language);
}

/** Greedily packs pieces into chunks of at most maxChars, joined the way the script writes them. */
function packPieces(pieces: string[], maxChars: number, language: LanguageCode): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces) {
    const joined = current === '' ? piece : joinPieces(current, piece, language);
    if (joined.length <= maxChars || current === '') current = joined;
    else {
      chunks.push(current);
      current = piece;
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

/** A word longer than a chunk (or unspaced CJK text): cut between graphemes. */
function hardSplit(text: string, maxChars: number, language: LanguageCode): string[] {
  const graphemes = [...new Intl.Segmenter(language, { granularity: 'grapheme' }).segment(text)].map((g) => g.segment);
  const chunks: string[] = [];
  for (let i = 0; i < graphemes.length; i += maxChars) chunks.push(graphemes.slice(i, i + maxChars).join(''));
  return chunks;
}

function mergeShort(pieces: string[], maxChars: number, language: LanguageCode): string[] {
  const minChars = minChunkChars(language);
  const chunks: string[] = [];
  for (const piece of pieces) {
    const last = chunks.at(-1);
    const lastIsShort = last !== undefined && last.length < minChars;
    const merged = last === undefined ? piece : joinPieces(last, piece, language);
    if (last !== undefined && (lastIsShort || piece.length < minChars) && merged.length <= maxChars) chunks[chunks.length - 1] = merged;
    else chunks.push(piece);
  }
  return chunks;
}

/** Chinese and Japanese are written without spaces between sentences. */
function joinPieces(left: string, right: string, language: LanguageCode): string {
  return language === 'zh' || language === 'ja' ? left + right : `${left} ${right}`;
}

/**
 * Japanese: words containing kanji become their hiragana reading, katakana and kana stay,
 * then NFKD splits voiced marks (upstream `hiragana_normalize`, which uses pykakasi).
 * Readings come from kuromoji (IPADIC dictionary, pure JS). Its dictionary takes about a
 * second and a few hundred MB to load, so it is loaded on first use only.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji from 'kuromoji';

const KANJI_FIRST = 0x4e00;
const KANJI_LAST = 0x9fff;
const KATAKANA_FIRST = 0x30a1;
const KATAKANA_LAST = 0x30f6;
const KATAKANA_TO_HIRAGANA = 0x60;
/** Upstream puts a space before readings starting with these (they read as particles otherwise). */
const PARTICLE_LIKE_STARTS = ['は', 'へ'];

interface ReadingToken {
  surface: string;
  /** Katakana reading, when the dictionary knows one. */
  reading?: string;
}

/** Splits text into words with katakana readings. */
export type ReadingTokenizer = (text: string) => ReadingToken[];

let kuromojiTokenizer: Promise<ReadingTokenizer> | undefined;

/** The kuromoji-backed tokenizer, built once per process. */
export function loadKuromojiTokenizer(): Promise<ReadingTokenizer> {
  kuromojiTokenizer ??= new Promise<ReadingTokenizer>((resolve, reject) => {
    const require = createRequire(import.meta.url);
    const dicPath = join(dirname(require.resolve('kuromoji/package.json')), 'dict');
    kuromoji.builder({ dicPath }).build((error, tokenizer) => {
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve((text) => tokenizer.tokenize(text).map((t) => ({ surface: t.surface_form, reading: t.reading })));
    });
  });
  return kuromojiTokenizer;
}

export function toHiraganaReading(text: string, tokenize: ReadingTokenizer): string {
  let output = '';
  for (const { surface, reading } of tokenize(text)) {
    if (!containsKanji(surface) || !reading) {
      output += surface;
      continue;
    }
    const hiragana = katakanaToHiragana(reading);
    output += PARTICLE_LIKE_STARTS.some((p) => hiragana.startsWith(p)) ? ` ${hiragana}` : hiragana;
  }
  return output.normalize('NFKD');
}

function containsKanji(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= KANJI_FIRST && code <= KANJI_LAST) return true;
  }
  return false;
}

export function katakanaToHiragana(text: string): string {
  let output = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    output += code >= KATAKANA_FIRST && code <= KATAKANA_LAST ? String.fromCodePoint(code - KATAKANA_TO_HIRAGANA) : char;
  }
  return output;
}

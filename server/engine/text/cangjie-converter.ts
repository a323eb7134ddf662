/**
 * Chinese: the vocabulary has no Han characters, so each character of category Lo found in
 * Cangjie5_TC.json becomes its Cangjie code as [cj_x] tokens plus [cj_.]; characters sharing
 * a code get their index in that code's list appended (upstream ChineseCangjieConverter).
 * Upstream segments words with pkuseg first (words joined by spaces); we use the ICU word
 * segmenter built into Node (Intl.Segmenter), which needs no model.
 */
import { readFile } from 'node:fs/promises';

export interface CangjieOptions {
  /** Join segmented words with spaces (becomes [SPACE] tokens), as upstream does with pkuseg. @defaultValue true */
  segmentWords?: boolean;
}

const OTHER_LETTER = /^\p{Lo}$/u;

export class CangjieConverter {
  private readonly codeOf = new Map<string, string>();
  private readonly charsOfCode = new Map<string, string[]>();
  private readonly segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

  /** `entries` in the file's format: "<char>\t<code>[\t...]". */
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [char, code] = entry.split('\t');
      if (!char || !code) continue;
      // Python dict assignment: a later entry for the same character wins.
      this.codeOf.set(char, code);
      const chars = this.charsOfCode.get(code);
      if (chars) chars.push(char);
      else this.charsOfCode.set(code, [char]);
    }
  }

  static async load(path: string): Promise<CangjieConverter> {
    const entries = JSON.parse(await readFile(path, 'utf8')) as unknown;
    if (!Array.isArray(entries)) throw new Error(`${path} is not a JSON array of "<char>\\t<code>" strings`);
    return new CangjieConverter(entries.filter((e): e is string => typeof e === 'string'));
  }

  convert(text: string, options: CangjieOptions = {}): string {
    const spaced = options.segmentWords === false ? text : this.segmentWords(text);
    let output = '';
    for (const char of spaced) {
      const code = OTHER_LETTER.test(char) ? this.encode(char) : undefined;
      output += code === undefined ? char : [...code].map((c) => `[cj_${c}]`).join('') + '[cj_.]';
    }
    return output;
  }

  private encode(char: string): string | undefined {
    const code = this.codeOf.get(char);
    if (code === undefined) return undefined;
    const index = this.charsOfCode.get(code)!.indexOf(char);
    return index > 0 ? `${code}${index}` : code;
  }

  /** pkuseg-style: words separated by single spaces; existing whitespace is kept as one space. */
  private segmentWords(text: string): string {
    const words = [...this.segmenter.segment(text)].map((s) => s.segment).filter((w) => w.trim() !== '');
    return words.join(' ');
  }
}

/**
 * Breaks ICU's sentence segmenter makes that are not sentence ends: after an abbreviation the
 * language's list knows ("z. B.", "Dr.", "e.g."), and after a numeric ordinal in languages that
 * write ordinals with a full stop ("am 3. Dezember", "3. joulukuuta").
 */
import type { LanguageCode } from '../shared/languages.ts';
import { abbreviationsFor } from './abbreviations.ts';
import { isDotOrdinal } from './numbers/dot-ordinals.ts';

const LETTER_BEFORE = /\p{L}$/u;

export function isFalseSentenceEnd(before: string, after: string, language: LanguageCode): boolean {
  if (isDotOrdinal(before, after, language)) return true;
  for (const { written, endsSentence } of abbreviationsFor(language)) {
    for (let dot = written.indexOf('.'); dot !== -1; dot = written.indexOf('.', dot + 1)) {
      const head = written.slice(0, dot + 1);
      const tail = written.slice(dot + 1).trimStart();
      if (!before.endsWith(head) || !after.startsWith(tail) || LETTER_BEFORE.test(before.slice(0, -head.length))) continue;
      // "… usw. Dann …": a capital after a sentence-ending abbreviation starts a new sentence.
      return tail !== '' || !(endsSentence && /^\p{Lu}/u.test(after));
    }
  }
  return false;
}

/**
 * Abbreviations from the language's list said in full ("z. B." -> "zum Beispiel"). One that can
 * end a sentence ("usw.", "etc.") keeps its full stop when a capital or the end of the text follows.
 */
import type { LanguageCode } from '../shared/languages.ts';
import { abbreviationsFor } from './abbreviations.ts';
import type { SpanText } from './span-text.ts';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
const patterns = new Map<LanguageCode, RegExp | null>();

export function expandAbbreviations(text: SpanText, language: LanguageCode): void {
  const pattern = patternFor(language);
  if (!pattern) return;
  const byWritten = new Map(abbreviationsFor(language).map((a) => [a.written, a]));
  text.rewrite(pattern, (m) => {
    const abbreviation = byWritten.get(m[0]);
    if (!abbreviation) return undefined;
    const rest = m.input.slice(m.index + m[0].length);
    const closes = abbreviation.endsSentence && abbreviation.written.endsWith('.') && /^\s*(?:$|\p{Lu})/u.test(rest);
    return closes ? `${abbreviation.spoken}.` : abbreviation.spoken;
  });
}

function patternFor(language: LanguageCode): RegExp | null {
  if (!patterns.has(language)) {
    const list = abbreviationsFor(language);
    const alternatives = list.map((a) => escape(a.written) + (a.written.endsWith('.') ? '' : '(?![\\p{L}\\p{N}])')).join('|');
    patterns.set(language, list.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})`, 'gu'));
  }
  return patterns.get(language)!;
}

/**
 * Pronunciation lexicon: word -> respelling, applied whole-word (Unicode letters and digits
 * delimit words, not \b, which is ASCII-only) and case-aware: an entry written in lower case
 * also matches the capitalized and all-caps word and keeps that capitalization; an entry with
 * capitals matches only as written.
 */
import type { Lexicon } from './speech-script.ts';
import type { SpanText } from './span-text.ts';

const MAX_LEXICON_KEY_CHARS = 100;
const MAX_LEXICON_VALUE_CHARS = 200;
const MAX_LEXICON_ENTRIES = 1000;

export interface LexiconProblem {
  /** Path of the offending field, e.g. `lexicon.GPT` (the caller prefixes its own field name). */
  field: string;
  message: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
const wholeWord = (alternatives: string, flags: string) => new RegExp(`(?<![\\p{L}\\p{N}\\p{M}])(?:${alternatives})(?![\\p{L}\\p{N}\\p{M}])`, flags);

export function validateLexicon(lexicon: Lexicon, fieldPrefix = 'lexicon'): LexiconProblem[] {
  const problems: LexiconProblem[] = [];
  const entries = Object.entries(lexicon);
  if (entries.length > MAX_LEXICON_ENTRIES) problems.push({ field: fieldPrefix, message: `at most ${MAX_LEXICON_ENTRIES} entries` });
  for (const [key, value] of entries) {
    const field = `${fieldPrefix}.${key}`;
    if (key.trim() === '') problems.push({ field, message: 'the word is empty' });
    else if (key.length > MAX_LEXICON_KEY_CHARS) problems.push({ field, message: `the word is longer than ${MAX_LEXICON_KEY_CHARS} characters` });
    if (typeof value !== 'string' || value.trim() === '') problems.push({ field, message: 'the replacement is empty' });
    else if (value.length > MAX_LEXICON_VALUE_CHARS) problems.push({ field, message: `the replacement is longer than ${MAX_LEXICON_VALUE_CHARS} characters` });
  }
  if (problems.length === 0) problems.push(...findLoops(lexicon, fieldPrefix));
  return problems;
}

/**
 * A replacement that contains its own word, or words that replace each other in a cycle
 * (a -> b, b -> a), would change again every time the lexicon is applied.
 */
function findLoops(lexicon: Lexicon, fieldPrefix: string): LexiconProblem[] {
  const keys = Object.keys(lexicon);
  const uses = new Map(keys.map((key) => [key, keys.filter((other) => matcherFor(other).test(lexicon[key]!))]));
  const problems: LexiconProblem[] = [];
  for (const key of keys) {
    if (uses.get(key)!.includes(key)) problems.push({ field: `${fieldPrefix}.${key}`, message: 'the replacement contains the word itself, so it would grow each time it is applied' });
    else if (reaches(key, key, uses, new Set())) problems.push({ field: `${fieldPrefix}.${key}`, message: 'the replacements form a cycle through other entries' });
  }
  return problems;
}

function reaches(from: string, target: string, uses: Map<string, string[]>, seen: Set<string>): boolean {
  for (const next of uses.get(from) ?? []) {
    if (next === target) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    if (reaches(next, target, uses, seen)) return true;
  }
  return false;
}

function matcherFor(key: string): RegExp {
  return wholeWord(escape(key), isLowerCase(key) ? 'iu' : 'u');
}

function isLowerCase(word: string): boolean {
  return word === word.toLowerCase();
}

/** Applies the lexicon once, in a single pass (replacements are not re-scanned). */
export function applyLexicon(text: SpanText, lexicon: Lexicon | undefined): void {
  const keys = Object.keys(lexicon ?? {}).filter((k) => k.trim() !== '');
  if (!lexicon || keys.length === 0) return;
  const byLower = new Map(keys.filter(isLowerCase).map((k) => [k, lexicon[k]!]));
  const alternatives = [...keys].sort((a, b) => b.length - a.length).map(escape).join('|');
  text.rewrite(wholeWord(alternatives, 'giu'), (m) => {
    const exact = Object.hasOwn(lexicon, m[0]) && !isLowerCase(m[0]) ? lexicon[m[0]] : undefined;
    return exact ?? matchCase(m[0], byLower.get(m[0].toLowerCase()));
  });
}

function matchCase(word: string, replacement: string | undefined): string | undefined {
  if (replacement === undefined) return undefined;
  if (word.length > 1 && word === word.toUpperCase() && word !== word.toLowerCase()) return replacement.toUpperCase();
  if (word[0] !== word[0]!.toLowerCase()) return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}

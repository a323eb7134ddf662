/**
 * Stored pronunciation lexicons, one per language (GET/PUT/DELETE /lexicons/{language}):
 * checked by the text stage's rules before they are stored, merged under a request's inline
 * lexicon at submit.
 */
import { ValidationError } from '../shared/errors/validation-error.ts';
import type { LanguageCode } from '../shared/languages.ts';
import type { LexiconEntries, LexiconStore } from '../storage/lexicon-store.ts';
import { validateLexicon } from '../text/index.ts';
import type { Lexicon } from '../text/speech-script.ts';

export class LexiconService {
  constructor(private readonly store: LexiconStore) {}

  /** The language's entries; an empty lexicon when none was stored. */
  async get(language: LanguageCode): Promise<LexiconEntries> {
    return (await this.store.get(language)) ?? {};
  }

  /** Replaces the language's entries; a 400 naming the entry (`entries.<word>`) when one is empty, too long or loops. */
  async put(language: LanguageCode, entries: LexiconEntries): Promise<LexiconEntries> {
    assertValidLexicon(entries, 'entries');
    await this.store.put(language, entries);
    return entries;
  }

  /** Removes the language's entries; false when there were none. */
  async delete(language: LanguageCode): Promise<boolean> {
    return this.store.remove(language);
  }

  /** The stored entries with a request's inline ones over them (inline wins); the merge is checked again, since two valid halves can loop together. */
  async merged(language: LanguageCode, inline: Lexicon | undefined): Promise<Lexicon> {
    const lexicon = { ...(await this.get(language)), ...inline };
    assertValidLexicon(lexicon, 'lexicon');
    return lexicon;
  }
}

function assertValidLexicon(lexicon: Lexicon, field: string): void {
  const [problem, ...others] = validateLexicon(lexicon, field);
  if (problem === undefined) return;
  const more = others.length > 0 ? ` (and ${others.length} more)` : '';
  throw new ValidationError(`${problem.field}: ${problem.message}${more}`, { code: 'invalid_lexicon', field: problem.field });
}

import type Keyv from 'keyv';
import type { LanguageCode } from '../shared/languages.ts';
import type { KeyvFactory } from './keyv-factory.ts';

/** A language's stored pronunciation fixes: word -> respelling. */
export type LexiconEntries = Record<string, string>;

/** Stored lexicons, one per language, in the same keyv store as jobs and voices. */
export interface LexiconStore {
  get(language: LanguageCode): Promise<LexiconEntries | undefined>;
  put(language: LanguageCode, entries: LexiconEntries): Promise<void>;
  remove(language: LanguageCode): Promise<boolean>;
}

export class KeyvLexiconStore implements LexiconStore {
  private readonly lexicons: Keyv<LexiconEntries>;

  constructor(factory: KeyvFactory) {
    this.lexicons = factory.namespace<LexiconEntries>('lexicons');
  }

  async get(language: LanguageCode): Promise<LexiconEntries | undefined> {
    return this.lexicons.get(language);
  }

  async put(language: LanguageCode, entries: LexiconEntries): Promise<void> {
    await this.lexicons.set(language, entries);
  }

  async remove(language: LanguageCode): Promise<boolean> {
    return this.lexicons.delete(language);
  }
}

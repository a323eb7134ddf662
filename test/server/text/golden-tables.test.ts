import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LANGUAGE_CODES, type LanguageCode } from '../../../server/shared/languages.ts';
import { prepareSpeech } from '../../../server/text/index.ts';
import * as europeanMain from './golden/european-main.ts';
import * as europeanMore from './golden/european-more.ts';
import * as asian from './golden/asian.ts';
import * as others from './golden/others.ts';
import type { GoldenCase } from './golden/european-main.ts';

const TABLES: Record<LanguageCode, GoldenCase[]> = { ...europeanMain, ...europeanMore, ...asian, ...others } as Record<LanguageCode, GoldenCase[]>;
const MAIN_LANGUAGES: LanguageCode[] = ['de', 'en', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'ru', 'tr', 'zh', 'ja'];

describe('golden tables', () => {
  it('cover every language: at least 10 cases each, 20 for the main languages', () => {
    for (const language of LANGUAGE_CODES) {
      const minimum = MAIN_LANGUAGES.includes(language) ? 20 : 10;
      assert.ok((TABLES[language]?.length ?? 0) >= minimum, `${language}: ${TABLES[language]?.length ?? 0} cases`);
    }
  });

  for (const language of LANGUAGE_CODES) {
    it(`${language}: text is read the way the language says it`, () => {
      const failures = (TABLES[language] ?? []).flatMap(([written, expected]) => {
        const spoken = prepareSpeech(written, language).chunks.map((c) => c.spoken).join(' ');
        return spoken === expected ? [] : [`${written}\n    expected: ${expected}\n    actual:   ${spoken}`];
      });
      assert.deepEqual(failures, []);
    });
  }
});

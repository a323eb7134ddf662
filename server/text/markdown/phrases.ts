/** What is said instead of a code block or a table (SpeechOptions codeBlocks/tables: 'phrase'). */
import type { LanguageCode } from '../../shared/languages.ts';

interface Phrases {
  code: string;
  table: string;
}

const PHRASES: Record<LanguageCode, Phrases> = {
  ar: { code: 'مقطع برمجي.', table: 'جدول.' },
  da: { code: 'Kodeblok.', table: 'Tabel.' },
  de: { code: 'Codebeispiel.', table: 'Tabelle.' },
  el: { code: 'Τμήμα κώδικα.', table: 'Πίνακας.' },
  en: { code: 'Code block.', table: 'Table.' },
  es: { code: 'Bloque de código.', table: 'Tabla.' },
  fi: { code: 'Koodiesimerkki.', table: 'Taulukko.' },
  fr: { code: 'Bloc de code.', table: 'Tableau.' },
  he: { code: 'קטע קוד.', table: 'טבלה.' },
  hi: { code: 'कोड का अंश।', table: 'तालिका।' },
  it: { code: 'Blocco di codice.', table: 'Tabella.' },
  ja: { code: 'コードブロック。', table: '表。' },
  ko: { code: '코드 블록.', table: '표.' },
  ms: { code: 'Blok kod.', table: 'Jadual.' },
  nl: { code: 'Codeblok.', table: 'Tabel.' },
  no: { code: 'Kodeblokk.', table: 'Tabell.' },
  pl: { code: 'Blok kodu.', table: 'Tabela.' },
  pt: { code: 'Bloco de código.', table: 'Tabela.' },
  ru: { code: 'Фрагмент кода.', table: 'Таблица.' },
  sv: { code: 'Kodblock.', table: 'Tabell.' },
  sw: { code: 'Kipande cha msimbo.', table: 'Jedwali.' },
  tr: { code: 'Kod bloğu.', table: 'Tablo.' },
  zh: { code: '代码块。', table: '表格。' },
};

export function phrasesFor(language: LanguageCode): Phrases {
  return PHRASES[language];
}

/** One short sentence per language for models:verify ("Hello, world." and the like). */
import type { LanguageCode } from '../../shared/languages.ts';

export const SAMPLE_SENTENCES: Readonly<Record<LanguageCode, string>> = {
  ar: 'مرحبا بالعالم.',
  da: 'Hej verden.',
  de: 'Hallo Welt.',
  el: 'Γεια σου κόσμε.',
  en: 'Hello world.',
  es: 'Hola mundo.',
  fi: 'Hei maailma.',
  fr: 'Bonjour le monde.',
  he: 'שלום עולם.',
  hi: 'नमस्ते दुनिया।',
  it: 'Ciao mondo.',
  ja: 'こんにちは世界。',
  ko: '안녕하세요 세계.',
  ms: 'Helo dunia.',
  nl: 'Hallo wereld.',
  no: 'Hei verden.',
  pl: 'Witaj świecie.',
  pt: 'Olá mundo.',
  ru: 'Привет, мир.',
  sv: 'Hej världen.',
  sw: 'Habari dunia.',
  tr: 'Merhaba dünya.',
  zh: '你好，世界。',
};

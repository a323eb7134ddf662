/** The 23 languages of Chatterbox Multilingual, keyed by the code the model's `[xx]` tag uses. */
export const LANGUAGES = {
  ar: 'Arabic',
  da: 'Danish',
  de: 'German',
  el: 'Greek',
  en: 'English',
  es: 'Spanish',
  fi: 'Finnish',
  fr: 'French',
  he: 'Hebrew',
  hi: 'Hindi',
  it: 'Italian',
  ja: 'Japanese',
  ko: 'Korean',
  ms: 'Malay',
  nl: 'Dutch',
  no: 'Norwegian',
  pl: 'Polish',
  pt: 'Portuguese',
  ru: 'Russian',
  sv: 'Swedish',
  sw: 'Swahili',
  tr: 'Turkish',
  zh: 'Chinese',
} as const;

export type LanguageCode = keyof typeof LANGUAGES;

/**
 * What users should know about a language, shown by GET /languages. Hebrew: upstream adds vowel
 * points (niqqud) with the dicta model before tokenizing (resemble-ai/chatterbox,
 * src/chatterbox/models/tokenizers/tokenizer.py @a9742ee, `add_hebrew_diacritics`); that model is
 * a separate download with its own tokenizer that this service does not run, and WinSTT measured
 * about 84 % character errors for Hebrew without niqqud.
 */
export const LANGUAGE_NOTES: Partial<Record<LanguageCode, string>> = {
  he: 'Read without vowel points (niqqud): upstream adds them with the Dicta model, which this service does not run, so expect many more mistakes than in other languages. Text that already has niqqud is read as written.',
};

export const LANGUAGE_CODES = Object.keys(LANGUAGES) as [LanguageCode, ...LanguageCode[]];

export function isLanguageCode(value: string): value is LanguageCode {
  return Object.hasOwn(LANGUAGES, value);
}

/** How the text stage treats a request's text; every field has a default (DEFAULT_SPEECH_OPTIONS). */
import type { Lexicon } from './speech-script.ts';

export interface SpeechOptions {
  /** Markdown, numbers, symbols, URLs and emojis become words; false leaves the text as written (pauses and splitting still apply). */
  normalize: boolean;
  /** Word -> respelling replacements for the request's language, applied before number handling. */
  lexicon?: Lexicon;
  /** Silence after a sentence, in milliseconds. */
  sentencePauseMs: number;
  /** Silence after a paragraph, heading, list or table, in milliseconds. */
  paragraphPauseMs: number;
  /** Upper bound for any single pause, inline tags included. */
  maxPauseMs: number;
  /** Fenced and indented code: a short phrase in the language ("code block") or nothing. */
  codeBlocks: 'phrase' | 'drop';
  /** Markdown tables: read row by row, a short phrase, or nothing. */
  tables: 'read' | 'phrase' | 'drop';
  /** Bare URLs and e-mail addresses: said the way a person would ("example dot com") or dropped. */
  urls: 'say' | 'drop';
}

export const DEFAULT_SPEECH_OPTIONS: Readonly<SpeechOptions> = Object.freeze({
  normalize: true,
  sentencePauseMs: 150,
  paragraphPauseMs: 600,
  maxPauseMs: 10_000,
  codeBlocks: 'phrase',
  tables: 'read',
  urls: 'say',
});

export function resolveSpeechOptions(options: Partial<SpeechOptions> = {}): SpeechOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_SPEECH_OPTIONS, ...defined };
}

export function clampPause(ms: number, options: Pick<SpeechOptions, 'maxPauseMs'>): number {
  if (!Number.isFinite(ms) || ms <= 0) return 0;
  return Math.min(Math.round(ms), Math.max(0, options.maxPauseMs));
}

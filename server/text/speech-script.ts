/**
 * What the text stage hands to the rest of the service: the user's text turned into speakable
 * chunks (one sentence each, normalized for the request's language) and the pauses between them.
 * Jobs store it (status `spoken_text`/`spoken_chunks`, captions); the engine synthesizes it.
 */
import type { LanguageCode } from '../shared/languages.ts';

/** Word -> respelling replacements, applied whole-word and case-aware before number handling. */
export type Lexicon = Readonly<Record<string, string>>;

export interface SpeechChunk {
  /** The sentence as the user wrote it (caption text). */
  source: string;
  /** What the model is given for this chunk, after normalization. */
  spoken: string;
  /** Part of a longer sentence (cut at a clause or an inline pause): no final full stop is added. */
  fragment: boolean;
  /** Silence after this chunk, in milliseconds (sentence, paragraph or inline pause). */
  pauseAfterMs: number;
}

export interface SpeechScript {
  language: LanguageCode;
  /** Silence before the first chunk (an inline pause at the very start). */
  leadingPauseMs: number;
  chunks: SpeechChunk[];
}

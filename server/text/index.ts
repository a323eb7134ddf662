/**
 * The text layer: from what a user (or an LLM) wrote to what the model says. Jobs and the
 * engine use it through this file.
 */
export { prepareSpeech, isEmptyScript } from './prepare-speech.ts';
export { DEFAULT_SPEECH_OPTIONS, resolveSpeechOptions, type SpeechOptions } from './speech-options.ts';
export { validateLexicon, MAX_LEXICON_KEY_CHARS, MAX_LEXICON_VALUE_CHARS, MAX_LEXICON_ENTRIES, type LexiconProblem } from './lexicon.ts';
export { splitIntoChunks, maxChunkChars, minChunkChars } from './sentence-chunker.ts';
export type { Lexicon, SpeechChunk, SpeechScript } from './speech-script.ts';
export { keepSpeakable, type SpeakableText } from './keep-speakable.ts';

/**
 * The text layer: from what a user (or an LLM) wrote to what the model says. Jobs and the
 * engine use it through this file.
 */
export { prepareSpeech, isEmptyScript } from './prepare-speech.ts';
export { DEFAULT_SPEECH_OPTIONS, type SpeechOptions } from './speech-options.ts';
export { validateLexicon } from './lexicon.ts';
export { splitIntoChunks } from './sentence-chunker.ts';
export { keepSpeakable } from './keep-speakable.ts';

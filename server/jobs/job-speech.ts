/**
 * A job's speech: the text stage runs at submit (so a text that says nothing is a 422 before
 * anything is queued) and its script is stored on the record; when the audio is done, each
 * chunk gets what the model was actually given and where it sits in the file.
 */
import { AppError } from '../shared/errors/app-error.ts';
import type { JobSpeech } from '../shared/job.ts';
import type { LanguageCode } from '../shared/languages.ts';
import { isEmptyScript, prepareSpeech, type SpeechOptions } from '../text/index.ts';
import type { Lexicon } from '../text/speech-script.ts';
import type { SpokenChunkOutcome } from '../workers/messages.ts';
import type { LexiconService } from './lexicon-service.ts';

export interface SpeechRequest {
  text: string;
  language: LanguageCode;
  /** @defaultValue the server's setting (CHATTERBOX_TEXT_NORMALIZE) */
  normalize?: boolean;
  /** Inline entries, merged over the language's stored lexicon. */
  lexicon?: Lexicon;
}

/** The script for a request; 422 `empty_text` when nothing speakable is left. */
export async function prepareJobSpeech(request: SpeechRequest, defaults: Partial<SpeechOptions>, lexicons: LexiconService): Promise<JobSpeech> {
  const lexicon = await lexicons.merged(request.language, request.lexicon);
  const options = { ...defaults, lexicon, ...(request.normalize === undefined ? {} : { normalize: request.normalize }) };
  const script = prepareSpeech(request.text, request.language, options);
  if (isEmptyScript(script)) {
    throw new AppError('The text has nothing to speak once Markdown, symbols and emojis are removed.', { code: 'empty_text', status: 422, field: 'text' });
  }
  return { leadingPauseMs: script.leadingPauseMs, chunks: script.chunks, unspeakable: {} };
}

/** The stored script completed by the worker's report: spoken text as the model got it, timings, dropped characters. */
export function completeSpeech(speech: JobSpeech, spoken: readonly SpokenChunkOutcome[]): JobSpeech {
  const unspeakable: Record<string, number> = {};
  for (const chunk of spoken) for (const [char, count] of Object.entries(chunk.dropped)) unspeakable[char] = (unspeakable[char] ?? 0) + count;
  const chunks = speech.chunks.map((chunk, i) => {
    const outcome = spoken[i];
    return outcome === undefined ? chunk : { ...chunk, spoken: outcome.text, startSample: outcome.startSample, endSample: outcome.endSample };
  });
  return { ...speech, chunks, unspeakable };
}

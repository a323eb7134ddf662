/**
 * The text stage: the user's text (Markdown, as LLMs write it) to a SpeechScript of speakable
 * chunks in the request's language, with sentence, paragraph and inline pauses. Captions use
 * each chunk's `source`, the model reads `spoken`.
 */
import type { LanguageCode } from '../shared/languages.ts';
import { splitAtPauses, markPauses } from './inline-pauses.ts';
import { removeInvisible } from './invisible-characters.ts';
import { markdownBlocks } from './markdown/markdown-blocks.ts';
import { normalizeText } from './normalize-text.ts';
import { chunkRanges } from './sentence-chunker.ts';
import { SpanText } from './span-text.ts';
import { clampPause, resolveSpeechOptions, type SpeechOptions } from './speech-options.ts';
import type { SpeechChunk, SpeechScript } from './speech-script.ts';
import { plainBlocks } from './text-blocks.ts';

const SENTENCE_END = /[.!?。！？।؟…]["'”’»)\]]*$/u;

export function prepareSpeech(text: string, language: LanguageCode, options: Partial<SpeechOptions> = {}): SpeechScript {
  const opts = resolveSpeechOptions(options);
  const marked = markPauses(removeInvisible(text), (ms) => clampPause(ms, opts));
  const blocks = opts.normalize ? markdownBlocks(marked, language, opts) : plainBlocks(marked);
  const script: SpeechScript = { language, leadingPauseMs: 0, chunks: [] };
  let trailingPauseMs = 0;
  for (const block of blocks) {
    for (const segment of splitAtPauses(block.text)) {
      const span = opts.normalize ? normalizeText(segment.text, language, opts) : new SpanText(segment.text);
      const chunks = chunksOf(span, language, opts);
      script.chunks.push(...chunks);
      if (segment.pauseAfterMs !== undefined) {
        addInlinePause(script, chunks, segment.pauseAfterMs, opts);
        trailingPauseMs = script.chunks.at(-1)?.pauseAfterMs ?? 0;
      } else if (chunks.length > 0) trailingPauseMs = 0;
    }
    const last = script.chunks.at(-1);
    const blockPause = block.pause === 'paragraph' ? opts.paragraphPauseMs : opts.sentencePauseMs;
    if (last) last.pauseAfterMs = Math.max(last.pauseAfterMs, clampPause(blockPause, opts));
  }
  const last = script.chunks.at(-1);
  // At the very end only an inline pause the user wrote still counts.
  if (last) last.pauseAfterMs = trailingPauseMs;
  return script;
}

/** No chunk: the text was empty or normalized to nothing (the HTTP layer answers 422 empty_text). */
export function isEmptyScript(script: SpeechScript): boolean {
  return script.chunks.length === 0;
}

function chunksOf(span: SpanText, language: LanguageCode, opts: SpeechOptions): SpeechChunk[] {
  const spoken = span.text;
  return chunkRanges(spoken, language).flatMap((range) => {
    const said = tidy(spoken.slice(range.start, range.end));
    if (!/[\p{L}\p{N}]/u.test(said)) return [];
    const source = tidy(span.sourceOf(range.start, range.end)) || said;
    return [{ source, spoken: said, fragment: range.fragment, pauseAfterMs: clampPause(opts.sentencePauseMs, opts) }];
  });
}

/** An inline pause replaces the pause after the text before it; mid-sentence, that text is a fragment. */
function addInlinePause(script: SpeechScript, segmentChunks: SpeechChunk[], ms: number, opts: SpeechOptions): void {
  const previous = script.chunks.at(-1);
  if (!previous) {
    script.leadingPauseMs = clampPause(script.leadingPauseMs + ms, opts);
    return;
  }
  if (segmentChunks.length > 0) {
    previous.pauseAfterMs = ms;
    previous.fragment = !SENTENCE_END.test(previous.spoken);
  } else previous.pauseAfterMs = clampPause(previous.pauseAfterMs + ms, opts);
}

function tidy(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

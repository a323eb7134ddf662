/**
 * The text stage: the user's text (Markdown, as LLMs write it) to a SpeechScript of speakable
 * chunks in the request's language, with sentence, paragraph and inline pauses. Captions use
 * each chunk's `source`, the model reads `spoken`. All stretches of text (blocks cut at inline
 * pauses) are normalized in one pass over the joined text, which keeps the stage fast.
 */
import type { LanguageCode } from '../shared/languages.ts';
import { markPauses, splitAtPauses } from './inline-pauses.ts';
import { removeInvisible } from './invisible-characters.ts';
import { markdownBlocks } from './markdown/markdown-blocks.ts';
import { normalizeText, SEGMENT_SEPARATOR } from './normalize-text.ts';
import { chunkRanges } from './sentence-chunker.ts';
import { SpanText } from './span-text.ts';
import { clampPause, resolveSpeechOptions, type SpeechOptions } from './speech-options.ts';
import type { SpeechChunk, SpeechScript } from './speech-script.ts';
import { plainBlocks, type TextBlock } from './text-blocks.ts';

const SENTENCE_END = /[.!?。！？।؟…]["'”’»)\]]*$/u;

interface Segment {
  text: string;
  /** Inline pause after this segment. */
  pauseAfterMs?: number;
  /** Pause the block asks for when this is its last segment. */
  blockPause?: TextBlock['pause'];
}

export function prepareSpeech(text: string, language: LanguageCode, options: Partial<SpeechOptions> = {}): SpeechScript {
  const opts = resolveSpeechOptions(options);
  const marked = markPauses(removeInvisible(text), (ms) => clampPause(ms, opts));
  const blocks = opts.normalize ? markdownBlocks(marked, language, opts) : plainBlocks(marked);
  const segments: Segment[] = blocks.flatMap((block) =>
    splitAtPauses(block.text.replaceAll(SEGMENT_SEPARATOR, ' ')).map((s, i, all) => (i === all.length - 1 ? { ...s, blockPause: block.pause } : s)),
  );
  const joined = segments.map((s) => s.text).join(SEGMENT_SEPARATOR);
  const span = opts.normalize ? normalizeText(joined, language, opts) : new SpanText(joined);
  return assemble(span, segments, language, opts);
}

/** No chunk: the text was empty or normalized to nothing (the HTTP layer answers 422 empty_text). */
export function isEmptyScript(script: SpeechScript): boolean {
  return script.chunks.length === 0;
}

function assemble(span: SpanText, segments: Segment[], language: LanguageCode, opts: SpeechOptions): SpeechScript {
  const script: SpeechScript = { language, leadingPauseMs: 0, chunks: [] };
  const parts = span.text.split(SEGMENT_SEPARATOR);
  let offset = 0;
  let trailingPauseMs = 0;
  segments.forEach((segment, i) => {
    const part = parts[i] ?? '';
    const chunks = chunksOf(span, offset, part, language, opts);
    offset += part.length + SEGMENT_SEPARATOR.length;
    script.chunks.push(...chunks);
    if (segment.pauseAfterMs !== undefined) {
      addInlinePause(script, chunks, segment.pauseAfterMs, opts);
      trailingPauseMs = script.chunks.at(-1)?.pauseAfterMs ?? 0;
    } else if (chunks.length > 0) trailingPauseMs = 0;
    const last = script.chunks.at(-1);
    if (segment.blockPause && last) {
      const blockPause = segment.blockPause === 'paragraph' ? opts.paragraphPauseMs : opts.sentencePauseMs;
      last.pauseAfterMs = Math.max(last.pauseAfterMs, clampPause(blockPause, opts));
    }
  });
  // At the very end only an inline pause the user wrote still counts.
  const last = script.chunks.at(-1);
  if (last) last.pauseAfterMs = trailingPauseMs;
  return script;
}

function chunksOf(span: SpanText, offset: number, spoken: string, language: LanguageCode, opts: SpeechOptions): SpeechChunk[] {
  return chunkRanges(spoken, language).flatMap((range) => {
    const said = tidy(spoken.slice(range.start, range.end));
    if (!/[\p{L}\p{N}]/u.test(said)) return [];
    const source = tidy(span.sourceOf(offset + range.start, offset + range.end)) || said;
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

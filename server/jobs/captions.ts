/**
 * Captions of a finished job: one cue per chunk (sentence), timed where its speech sits in
 * the file (after pauses, joins and speed), with the text the user wrote, not the normalized
 * one. Written by the `subtitle` library as SubRip or WebVTT.
 */
import { stringifySync, type NodeList } from 'subtitle';
import type { JobSpeech } from '../shared/job.ts';

export const CAPTION_FORMATS = { srt: { format: 'SRT', contentType: 'application/x-subrip; charset=utf-8' }, vtt: { format: 'WebVTT', contentType: 'text/vtt; charset=utf-8' } } as const;
export type CaptionFormat = keyof typeof CAPTION_FORMATS;

const MS_PER_SECOND = 1000;

export function captionsOf(speech: JobSpeech, sampleRate: number, format: CaptionFormat): string {
  const cues: NodeList = speech.chunks.map((chunk) => ({
    type: 'cue',
    data: {
      start: Math.round(((chunk.startSample ?? 0) * MS_PER_SECOND) / sampleRate),
      end: Math.round(((chunk.endSample ?? 0) * MS_PER_SECOND) / sampleRate),
      // "-->" and blank lines are the formats' own syntax; a cue's text must not contain them.
      text: chunk.source.replaceAll('-->', '→').replace(/\n\s*\n/gu, '\n'),
    },
  }));
  return stringifySync(cues, { format: CAPTION_FORMATS[format].format });
}

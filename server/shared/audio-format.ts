/**
 * Output format names of the HTTP contract. Which of them can be produced is decided by the
 * encoder registry in server/audio/encode.ts (the one place mapping a name to encoder, MIME
 * type and extension); schemas accept only formats that have an encoder.
 */
export const AUDIO_FORMAT_NAMES = ['wav', 'mp3', 'opus', 'flac', 'aac', 'pcm'] as const;

export type AudioFormat = (typeof AUDIO_FORMAT_NAMES)[number];

export const DEFAULT_AUDIO_FORMAT: AudioFormat = 'wav';

export function isAudioFormat(value: string): value is AudioFormat {
  return (AUDIO_FORMAT_NAMES as readonly string[]).includes(value);
}

/**
 * Output format names of the HTTP contract. The registry in audio/encoders/formats.ts gives
 * each an encoder, MIME type and extension (type-checked: a name without one does not compile).
 */
export const AUDIO_FORMAT_NAMES = ['wav', 'mp3', 'opus', 'flac', 'aac', 'pcm'] as const;

export type AudioFormat = (typeof AUDIO_FORMAT_NAMES)[number];

export const DEFAULT_AUDIO_FORMAT: AudioFormat = 'wav';

export function isAudioFormat(value: string): value is AudioFormat {
  return (AUDIO_FORMAT_NAMES as readonly string[]).includes(value);
}

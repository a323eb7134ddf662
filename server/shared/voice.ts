/** The model's own reference voice; always present, cannot be deleted. */
export const DEFAULT_VOICE_ID = 'default';
export const DEFAULT_VOICE_NAME = 'Default voice';

export interface VoiceRecord {
  id: string;
  name: string;
  durationSeconds: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** File name of the reference clip inside the data dir's voices folder. */
  clipFile: string;
  bytes: number;
}

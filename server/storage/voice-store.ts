import type Keyv from 'keyv';
import type { VoiceRecord } from '../shared/voice.ts';
import type { KeyvFactory } from './keyv-factory.ts';

/** Stored reference voices (the records; clips are files in the voices folder). */
export interface VoiceStore {
  list(): Promise<VoiceRecord[]>;
  get(id: string): Promise<VoiceRecord | undefined>;
  put(record: VoiceRecord): Promise<void>;
  remove(id: string): Promise<boolean>;
}

export class KeyvVoiceStore implements VoiceStore {
  private readonly voices: Keyv<VoiceRecord>;

  constructor(factory: KeyvFactory) {
    this.voices = factory.namespace<VoiceRecord>('voices');
  }

  /** Oldest first; a server holds tens of voices, so a scan is cheap. */
  async list(): Promise<VoiceRecord[]> {
    const records: VoiceRecord[] = [];
    if (this.voices.iterator === undefined) throw new Error('this keyv backend cannot iterate; pick one that can');
    for await (const [, value] of this.voices.iterator(undefined)) {
      if (value !== undefined) records.push(value as VoiceRecord);
    }
    return records.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<VoiceRecord | undefined> {
    return this.voices.get(id);
  }

  async put(record: VoiceRecord): Promise<void> {
    await this.voices.set(record.id, record);
  }

  async remove(id: string): Promise<boolean> {
    return this.voices.delete(id);
  }
}

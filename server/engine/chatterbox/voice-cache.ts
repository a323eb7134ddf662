/**
 * Voice conditioning, computed once per voice: memory (bounded LRU) -> file at
 * VoiceSource.conditioningPath -> speech encoder. Concurrent requests for the same voice
 * share one encoding. `encoderRuns` counts real encoder calls (tests prove cache hits).
 */
import type { VoiceSource } from '../tts-engine.ts';
import { readConditioningFile, writeConditioningFile, type VoiceConditioning } from './voice-conditioning.ts';

export type VoiceEncoder = (voice: VoiceSource) => Promise<VoiceConditioning>;

export class VoiceCache {
  /** Speech-encoder runs so far. */
  encoderRuns = 0;
  private readonly memory = new Map<string, VoiceConditioning>();
  private readonly pending = new Map<string, Promise<VoiceConditioning>>();

  constructor(
    private readonly encode: VoiceEncoder,
    private readonly capacity: number,
  ) {}

  async get(voice: VoiceSource): Promise<VoiceConditioning> {
    const key = cacheKey(voice);
    const cached = this.memory.get(key);
    if (cached) {
      this.remember(key, cached); // refresh recency
      return cached;
    }
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.load(voice).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return pending;
  }

  /** Forgets a voice in memory (its file is the caller's to delete). */
  evict(voice: VoiceSource): void {
    this.memory.delete(cacheKey(voice));
  }

  private async load(voice: VoiceSource): Promise<VoiceConditioning> {
    let conditioning = await readConditioningFile(voice.conditioningPath);
    if (!conditioning) {
      this.encoderRuns++;
      conditioning = await this.encode(voice);
      await writeConditioningFile(voice.conditioningPath, conditioning);
    }
    this.remember(cacheKey(voice), conditioning);
    return conditioning;
  }

  private remember(key: string, conditioning: VoiceConditioning): void {
    this.memory.delete(key);
    this.memory.set(key, conditioning);
    while (this.memory.size > this.capacity) this.memory.delete(this.memory.keys().next().value!);
  }
}

/** The file path is part of the key: a re-uploaded voice with a new file is a new voice. */
function cacheKey(voice: VoiceSource): string {
  return `${voice.id}\u0000${voice.conditioningPath}`;
}

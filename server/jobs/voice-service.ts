/**
 * Reference voices: validate an uploaded clip, store it (as mono WAV, so the engine reads
 * one format), have its conditioning computed once, list and delete.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { probeClip } from '../audio/clip-probe.ts';
import type { ProbeClip } from '../audio/conversion/conversion-pool.ts';
import { encodeWavFile } from '../audio/encoders/wav.format.ts';
import type { VoiceSource } from '../engine/tts-engine.ts';
import { removeFile, writeFileAtomic } from '../storage/atomic-file.ts';
import type { DataDirLayout } from '../storage/data-dir.ts';
import type { VoiceStore } from '../storage/voice-store.ts';
import type { Clock } from '../shared/clock.ts';
import { ConflictError } from '../shared/errors/conflict-error.ts';
import { InvalidAudioError } from '../shared/errors/invalid-audio-error.ts';
import { NotFoundError } from '../shared/errors/not-found-error.ts';
import { newId } from '../shared/ids.ts';
import type { Logger } from '../shared/logger.ts';
import { DEFAULT_VOICE_ID, DEFAULT_VOICE_NAME, type VoiceRecord } from '../shared/voice.ts';
import { SILENCE_PEAK } from '../audio/clip-probe.ts';

export interface VoiceUpload {
  bytes: Uint8Array;
  name?: string;
  /** Client's file name, used as the name when none is given. */
  fileName?: string;
}

export interface VoiceView {
  id: string;
  name: string;
  builtin: boolean;
  durationSeconds: number | null;
  createdAt: number | null;
}

/** Lets the service warm a voice's conditioning on an idle worker (the pool implements it). */
export interface VoicePreparer {
  prepareVoiceIfIdle(voice: VoiceSource): Promise<boolean>;
}

export interface VoiceServiceOptions {
  store: VoiceStore;
  layout: DataDirLayout;
  clock: Clock;
  limits: { voiceMinSeconds: number; voiceMaxSeconds: number };
  /** Conditioning depends on the model, so cache files carry its key (switching models never reuses stale ones). */
  modelKey: string;
  logger: Logger;
  /** Warms a new voice's conditioning. @defaultValue none: it is computed on first use */
  preparer?: VoicePreparer;
  /** Checks and decodes uploads: off the event loop in the service (audio/conversion/). @defaultValue in this thread */
  probe?: ProbeClip;
}

const MAX_NAME_CHARS = 100;

export class VoiceService {
  constructor(private readonly options: VoiceServiceOptions) {}

  async list(): Promise<VoiceView[]> {
    const stored = await this.options.store.list();
    const builtin: VoiceView = { id: DEFAULT_VOICE_ID, name: DEFAULT_VOICE_NAME, builtin: true, durationSeconds: null, createdAt: null };
    return [builtin, ...stored.map(toView)];
  }

  async exists(id: string): Promise<boolean> {
    return id === DEFAULT_VOICE_ID || (await this.options.store.get(id)) !== undefined;
  }

  /** What the engine needs to speak with a voice; undefined when the voice is gone. */
  async source(id: string): Promise<VoiceSource | undefined> {
    if (id === DEFAULT_VOICE_ID) return { id, conditioningPath: this.conditioningPath(id) };
    const record = await this.options.store.get(id);
    if (record === undefined) return undefined;
    return { id, clipPath: join(this.options.layout.voices, record.clipFile), conditioningPath: this.conditioningPath(id) };
  }

  async create(upload: VoiceUpload): Promise<VoiceRecord> {
    const clip = await (this.options.probe ?? probeClip)(upload.bytes, { maxSeconds: this.options.limits.voiceMaxSeconds });
    this.checkLimits(clip.durationSeconds, clip.peak);
    const id = newId();
    const clipFile = `${id}.wav`;
    const wav = encodeWavFile(clip.samples, clip.sampleRate);
    await writeFileAtomic(join(this.options.layout.voices, clipFile), wav);
    const record: VoiceRecord = {
      id,
      name: voiceName(upload),
      durationSeconds: clip.durationSeconds,
      createdAt: this.options.clock.now(),
      clipFile,
      bytes: wav.byteLength,
    };
    await this.options.store.put(record);
    await this.warm(record);
    return record;
  }

  async remove(id: string): Promise<void> {
    if (id === DEFAULT_VOICE_ID) throw new ConflictError('The default voice is built in and cannot be deleted.', { code: 'builtin_voice' });
    if (!(await this.options.store.remove(id))) throw new NotFoundError(`No voice with id ${id}.`, { code: 'voice_not_found' });
    await this.removeFiles(id);
  }

  private checkLimits(durationSeconds: number, peak: number): void {
    const { voiceMinSeconds, voiceMaxSeconds } = this.options.limits;
    const seconds = durationSeconds.toFixed(2);
    if (durationSeconds < voiceMinSeconds) {
      throw new InvalidAudioError(`The clip lasts ${seconds} s; at least ${voiceMinSeconds} s are needed.`, { code: 'clip_too_short' });
    }
    if (durationSeconds > voiceMaxSeconds) {
      throw new InvalidAudioError(`The clip lasts ${seconds} s; at most ${voiceMaxSeconds} s are allowed.`, { code: 'clip_too_long' });
    }
    if (peak < SILENCE_PEAK) throw new InvalidAudioError('The clip is silent.', { code: 'silent_clip' });
  }

  /** Computes the conditioning now when a worker is free; a clip the engine rejects is removed again. */
  private async warm(record: VoiceRecord): Promise<void> {
    const source = await this.source(record.id);
    if (this.options.preparer === undefined || source === undefined) return;
    try {
      await this.options.preparer.prepareVoiceIfIdle(source);
    } catch (error) {
      this.options.logger.warn({ err: error, voice: record.id }, 'engine rejected a voice clip');
      await this.options.store.remove(record.id);
      await this.removeFiles(record.id);
      const reason = error instanceof Error ? error.message : String(error);
      throw new InvalidAudioError(`The engine cannot use this clip: ${reason}`, { code: 'voice_rejected' });
    }
  }

  private conditioningPath(id: string): string {
    return join(this.options.layout.voices, `${id}.${this.options.modelKey}.cond`);
  }

  private async removeFiles(id: string): Promise<void> {
    const names = await readdir(this.options.layout.voices);
    await Promise.all(names.filter((name) => name.startsWith(`${id}.`)).map((name) => removeFile(join(this.options.layout.voices, name))));
  }
}

function voiceName(upload: VoiceUpload): string {
  const fromFile = upload.fileName?.replace(/\.[^.]*$/, '');
  const name = (upload.name ?? fromFile ?? '').trim();
  return (name === '' ? 'Uploaded voice' : name).slice(0, MAX_NAME_CHARS);
}

function toView(record: VoiceRecord): VoiceView {
  return { id: record.id, name: record.name, builtin: false, durationSeconds: record.durationSeconds, createdAt: record.createdAt };
}

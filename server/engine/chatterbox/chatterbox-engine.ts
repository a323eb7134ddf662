/**
 * TtsEngine for Chatterbox Multilingual on onnxruntime-node: text front-end -> per chunk
 * (KV-cache generation -> decoder -> loudness) -> chunks joined with the script's pauses.
 * One seeded generator per request drives token sampling and the decoder's noise, so the
 * same seed gives the same audio.
 */
import { join } from 'node:path';
import { DEFAULT_VOICE_FILE, NOISE_TABLE_INPUT, SAMPLE_RATE_HZ } from '../../../models/contract.ts';
import { concatSamples, pauseSamples, prepareChunk } from '../../audio/join-chunks.ts';
import { peakOf } from '../../audio/level.ts';
import { normalizeLoudness } from '../../audio/loudness.ts';
import { tensor } from '../onnx/session.ts';
import { standardNormals } from '../sampling/gaussian-noise.ts';
import { createSeededRandom, type RandomSource } from '../sampling/seeded-random.ts';
import { TokenSampler } from '../sampling/token-sampler.ts';
import { TextFrontEnd } from '../text/text-front-end.ts';
import type { EngineInfo, SynthesisRequest, SynthesisResult, TtsEngine, VoiceSource } from '../tts-engine.ts';
import type { ChatterboxSessions } from './chatterbox-sessions.ts';
import { decoderPrompt, noiseValuesFor } from './decoder-inputs.ts';
import { SpeechGenerator, throwIfAborted, type StopReason } from './speech-generator.ts';
import type { StopRuleOptions } from './stop-rules.ts';
import { VoiceCache } from './voice-cache.ts';
import { loadReferenceAudio } from './voice-audio.ts';
import type { VoiceConditioning } from './voice-conditioning.ts';

/** Decoder output may overshoot; louder than this is scaled back (WinSTT does the same). */
const MAX_OUTPUT_PEAK = 1;

export interface EngineStats {
  /** Speech-encoder runs (a voice-cache hit does not add one). */
  encoderRuns: number;
  /** Why each chunk of the last synthesis stopped. */
  lastStopReasons: StopReason[];
}

export interface ChatterboxEngineOptions {
  voiceCacheSize: number;
  /** LUFS each chunk is normalized to; null keeps the decoder's level. */
  outputLoudnessLufs: number | null;
  stopRules?: StopRuleOptions;
}

export class ChatterboxEngine implements TtsEngine {
  private readonly generator: SpeechGenerator;
  private readonly voices: VoiceCache;
  private readonly noiseInput: boolean;
  private lastStopReasons: StopReason[] = [];
  private closed = false;

  constructor(
    readonly info: EngineInfo,
    private readonly modelDir: string,
    private readonly sessions: ChatterboxSessions,
    /** The text front-end (chunking, preprocessing, tokenization) this engine uses. */
    readonly text: TextFrontEnd,
    private readonly options: ChatterboxEngineOptions,
  ) {
    this.generator = new SpeechGenerator(sessions.embedTokens, sessions.languageModel, {
      textPositionTable: sessions.textPositionTable,
      cfgMode: sessions.cfgMode,
      stopRules: options.stopRules,
    });
    this.voices = new VoiceCache((voice) => this.encodeVoice(voice), options.voiceCacheSize);
    this.noiseInput = sessions.conditionalDecoder.inputs.some((i) => i.name === NOISE_TABLE_INPUT);
  }

  get stats(): EngineStats {
    return { encoderRuns: this.voices.encoderRuns, lastStopReasons: [...this.lastStopReasons] };
  }

  /** How this model runs: CFG at batch 2 or as two calls, and whether the decoder's noise follows the seed. */
  get runtime(): { cfgMode: ChatterboxSessions['cfgMode']; decoder: ChatterboxSessions['decoder'] } {
    return { cfgMode: this.sessions.cfgMode, decoder: this.sessions.decoder };
  }

  async synthesize(request: SynthesisRequest): Promise<SynthesisResult> {
    throwIfAborted(request.signal);
    const { script } = request;
    const chunks = await this.text.encodeChunks(script.chunks, request.language);
    const conditioning = await this.voices.get(request.voice);
    // One PRNG for the whole request: the seed reproduces every chunk's tokens and decoder noise.
    const random = createSeededRandom(request.params.seed);
    const sampler = new TokenSampler(request.params, random);
    const parts: Float32Array[] = [];
    let speechTokens = 0;
    this.lastStopReasons = [];
    for (const [index, chunk] of chunks.entries()) {
      // A chunk the tokenizer could say nothing of keeps its place (and pause) but has no speech.
      const tokens = chunk.ids.length === 0 ? [] : await this.generateTokens(chunk.ids, conditioning, sampler, request);
      speechTokens += tokens.length;
      throwIfAborted(request.signal);
      const audio = tokens.length === 0 ? new Float32Array(0) : this.level(await this.decode(tokens, conditioning, random));
      const pause = index < chunks.length - 1 ? pauseSamples(script.chunks[index]!.pauseAfterMs, SAMPLE_RATE_HZ) : 0;
      const lead = index === 0 ? pauseSamples(script.leadingPauseMs, SAMPLE_RATE_HZ) : 0;
      const samples = prepareChunk(audio, SAMPLE_RATE_HZ, pause, lead);
      parts.push(samples);
      const spoken = { text: chunk.text, dropped: chunk.dropped };
      request.onChunk?.({ index, total: chunks.length, samples, leadingSamples: lead, speechSamples: audio.length, spoken });
    }
    const spoken = chunks.map((chunk) => ({ text: chunk.text, dropped: chunk.dropped }));
    return { samples: concatSamples(parts), sampleRate: SAMPLE_RATE_HZ, chunks: chunks.length, speechTokens, spoken };
  }

  private async generateTokens(promptIds: number[], conditioning: VoiceConditioning, sampler: TokenSampler, request: SynthesisRequest): Promise<number[]> {
    const generated = await this.generator.generate({
      promptIds,
      conditioning,
      exaggeration: request.params.exaggeration,
      cfgWeight: request.params.cfgWeight,
      maxNewTokens: request.params.maxNewTokens,
      sampler,
      signal: request.signal,
    });
    this.lastStopReasons.push(generated.stopReason);
    return generated.tokens;
  }

  async prepareVoice(voice: VoiceSource): Promise<void> {
    await this.voices.get(voice);
  }

  /** Drops a voice from the memory cache (after the voice was deleted). */
  forgetVoice(voice: VoiceSource): void {
    this.voices.evict(voice);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.sessions.release();
  }

  private async encodeVoice(voice: VoiceSource): Promise<VoiceConditioning> {
    const audio = await loadReferenceAudio(voice.clipPath ?? join(this.modelDir, DEFAULT_VOICE_FILE));
    const encoder = await this.sessions.speechEncoder();
    const out = await encoder.run({ audio_values: tensor('float32', audio, [1, audio.length]) });
    return {
      audioFeatures: out.audio_features!,
      audioTokens: out.audio_tokens!,
      speakerEmbeddings: out.speaker_embeddings!,
      speakerFeatures: out.speaker_features!,
    };
  }

  /** Prompt tokens + generated tokens -> waveform; the decoder cuts the prompt part itself. */
  private async decode(tokens: readonly number[], conditioning: VoiceConditioning, random: RandomSource): Promise<Float32Array> {
    if (tokens.length === 0) return new Float32Array(0);
    const prompt = decoderPrompt(conditioning);
    const speech = new BigInt64Array(prompt.length + tokens.length);
    speech.set(prompt);
    tokens.forEach((t, i) => (speech[prompt.length + i] = BigInt(t)));
    const noise = this.noiseInput ? standardNormals(random, noiseValuesFor(prompt.length, tokens.length)) : undefined;
    const out = await this.sessions.conditionalDecoder.run({
      speech_tokens: tensor('int64', speech, [1, speech.length]),
      speaker_embeddings: conditioning.speakerEmbeddings,
      speaker_features: conditioning.speakerFeatures,
      ...(noise ? { [NOISE_TABLE_INPUT]: tensor('float32', noise, [noise.length]) } : {}),
    });
    return Float32Array.from(out.waveform!.data as Float32Array);
  }

  /** The configured loudness, or (when off) only a peak above 1 scaled back. */
  private level(waveform: Float32Array): Float32Array {
    if (this.options.outputLoudnessLufs !== null) return normalizeLoudness(waveform, SAMPLE_RATE_HZ, this.options.outputLoudnessLufs);
    const peak = peakOf(waveform);
    return peak > MAX_OUTPUT_PEAK ? waveform.map((s) => s / peak) : waveform;
  }
}

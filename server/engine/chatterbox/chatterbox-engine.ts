/**
 * TtsEngine for Chatterbox Multilingual on onnxruntime-node: text front-end -> per chunk
 * (KV-cache generation -> decoder) -> chunks joined with short pauses.
 */
import { join } from 'node:path';
import { DEFAULT_VOICE_FILE, SAMPLE_RATE_HZ } from '../../../models/contract.ts';
import { concatSamples, pauseSamples, prepareChunk } from '../../audio/join-chunks.ts';
import { peakOf } from '../../audio/level.ts';
import { tensor } from '../onnx/session.ts';
import { createSeededRandom } from '../sampling/seeded-random.ts';
import { TokenSampler } from '../sampling/token-sampler.ts';
import { TextFrontEnd } from '../text/text-front-end.ts';
import type { EngineInfo, SynthesisRequest, SynthesisResult, TtsEngine, VoiceSource } from '../tts-engine.ts';
import type { ChatterboxSessions } from './chatterbox-sessions.ts';
import { SpeechGenerator, throwIfAborted, type StopReason } from './speech-generator.ts';
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

export class ChatterboxEngine implements TtsEngine {
  private readonly generator: SpeechGenerator;
  private readonly voices: VoiceCache;
  private lastStopReasons: StopReason[] = [];
  private closed = false;

  constructor(
    readonly info: EngineInfo,
    private readonly modelDir: string,
    private readonly sessions: ChatterboxSessions,
    /** The text front-end (chunking, preprocessing, tokenization) this engine uses. */
    readonly text: TextFrontEnd,
    voiceCacheSize: number,
  ) {
    this.generator = new SpeechGenerator(sessions.embedTokens, sessions.languageModel);
    this.voices = new VoiceCache((voice) => this.encodeVoice(voice), voiceCacheSize);
  }

  get stats(): EngineStats {
    return { encoderRuns: this.voices.encoderRuns, lastStopReasons: [...this.lastStopReasons] };
  }

  async synthesize(request: SynthesisRequest): Promise<SynthesisResult> {
    throwIfAborted(request.signal);
    const chunks = await this.text.encodeChunks(request.text, request.language);
    const conditioning = await this.voices.get(request.voice);
    // One PRNG for the whole request: the seed reproduces every chunk.
    const sampler = new TokenSampler(request.params, createSeededRandom(request.params.seed));
    const pause = pauseSamples(SAMPLE_RATE_HZ);
    const parts: Float32Array[] = [];
    let speechTokens = 0;
    this.lastStopReasons = [];
    for (const [index, chunk] of chunks.entries()) {
      const generated = await this.generator.generate({
        promptIds: chunk.ids,
        conditioning,
        exaggeration: request.params.exaggeration,
        cfgWeight: request.params.cfgWeight,
        maxNewTokens: request.params.maxNewTokens,
        sampler,
        signal: request.signal,
      });
      this.lastStopReasons.push(generated.stopReason);
      speechTokens += generated.tokens.length;
      throwIfAborted(request.signal);
      const audio = await this.decode(generated.tokens, conditioning);
      const samples = prepareChunk(audio, SAMPLE_RATE_HZ, index < chunks.length - 1 ? pause : 0);
      parts.push(samples);
      request.onChunk?.({ index, total: chunks.length, samples });
    }
    return { samples: concatSamples(parts), sampleRate: SAMPLE_RATE_HZ, chunks: chunks.length, speechTokens };
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
  private async decode(tokens: readonly number[], conditioning: VoiceConditioning): Promise<Float32Array> {
    if (tokens.length === 0) return new Float32Array(0);
    const prompt = conditioning.audioTokens.data as BigInt64Array;
    const speech = new BigInt64Array(prompt.length + tokens.length);
    speech.set(prompt);
    tokens.forEach((t, i) => (speech[prompt.length + i] = BigInt(t)));
    const out = await this.sessions.conditionalDecoder.run({
      speech_tokens: tensor('int64', speech, [1, speech.length]),
      speaker_embeddings: conditioning.speakerEmbeddings,
      speaker_features: conditioning.speakerFeatures,
    });
    const waveform = Float32Array.from(out.waveform!.data as Float32Array);
    const peak = peakOf(waveform);
    return peak > MAX_OUTPUT_PEAK ? waveform.map((s) => s / peak) : waveform;
  }
}

/**
 * Generation parameters: one set of bounds and defaults, used by the HTTP schemas
 * (validation, defaults, OpenAPI) and by the engine (which trusts validated input).
 * Defaults follow upstream `ChatterboxMultilingualTTS.generate` for the v1 weights
 * that the community ONNX export carries (resemble-ai/chatterbox, src/chatterbox/mtl_tts.py;
 * repetition penalty 2.0 as in v1/v2, before the v3 commit lowered it to 1.2).
 */
export const GENERATION_LIMITS = {
  exaggeration: { min: 0, max: 2, default: 0.5 },
  cfgWeight: { min: 0, max: 1, default: 0.5 },
  temperature: { min: 0.05, max: 5, default: 0.8 },
  repetitionPenalty: { min: 1, max: 3, default: 2.0 },
  minP: { min: 0, max: 1, default: 0.05 },
  topP: { min: 0.01, max: 1, default: 1.0 },
  /** Speech tokens per chunk; 25 tokens = 1 s of audio. */
  maxNewTokens: { min: 16, max: 4000, default: 1000 },
} as const;

/** Largest seed accepted; seeds fit an unsigned 32-bit integer so any PRNG can take them. */
export const MAX_SEED = 0xffff_ffff;

export interface GenerationParams {
  exaggeration: number;
  cfgWeight: number;
  temperature: number;
  repetitionPenalty: number;
  minP: number;
  topP: number;
  /** Always concrete inside the engine: the job layer draws one when the client sent none, and records it. */
  seed: number;
  maxNewTokens: number;
}

export const DEFAULT_GENERATION_PARAMS: Omit<GenerationParams, 'seed'> = {
  exaggeration: GENERATION_LIMITS.exaggeration.default,
  cfgWeight: GENERATION_LIMITS.cfgWeight.default,
  temperature: GENERATION_LIMITS.temperature.default,
  repetitionPenalty: GENERATION_LIMITS.repetitionPenalty.default,
  minP: GENERATION_LIMITS.minP.default,
  topP: GENERATION_LIMITS.topP.default,
  maxNewTokens: GENERATION_LIMITS.maxNewTokens.default,
};

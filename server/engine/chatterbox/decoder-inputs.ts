/**
 * What the conditional decoder is fed besides the generated tokens.
 */
import type { VoiceConditioning } from './voice-conditioning.ts';

/**
 * The voice's prompt tokens, cut to half the prompt mel frames: the decoder reads 2 mel frames
 * per token and cuts `feature_dim` frames of prompt from its output, so extra prompt tokens
 * would come out as audio. Upstream trims them the same way (resemble-ai/chatterbox,
 * src/chatterbox/models/s3gen/s3gen.py @a9742ee, `embed_ref`: "Make sure mel_len = 2 * stoken_len");
 * the ONNX speech encoder does not.
 */
export function decoderPrompt(conditioning: VoiceConditioning): BigInt64Array {
  const tokens = conditioning.audioTokens.data as BigInt64Array;
  const melFrames = conditioning.speakerFeatures.dims[1] ?? 0;
  return tokens.subarray(0, Math.min(tokens.length, Math.floor(melFrames / 2)));
}

/**
 * Standard normals the prepared decoder needs per run: the export draws `randn_like(mu)` over
 * the mel of prompt and speech, [1, 80 mels, 2 frames per token] (VladOS95-cyber/onnx_conversion_scripts,
 * chatterbox/chatterbox_to_onnx_conversion_script.py @98928fc, `ConditionalDecoder.forward`), and
 * HiFT's sine source draws `randn_like` over the generated part, [1, 9 harmonics, 960 samples per
 * token] (resemble-ai/chatterbox, src/chatterbox/models/s3gen/hifigan.py @5de7a54, `SineGen`;
 * harmonic_num 8). A graph that needs more reads the table again from its start.
 */
const MEL_NOISE_PER_TOKEN = 160;
const SOURCE_NOISE_PER_GENERATED_TOKEN = 8640;

export function noiseValuesFor(promptTokens: number, generatedTokens: number): number {
  return MEL_NOISE_PER_TOKEN * (promptTokens + generatedTokens) + SOURCE_NOISE_PER_GENERATED_TOKEN * generatedTokens;
}

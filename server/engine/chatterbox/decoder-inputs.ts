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
 * Standard normals fed to the prepared decoder per run, from its speech-token count: the
 * export draws `randn_like(mu)` over [1, 80 mels, 2 frames per token] and HiFT's sine source
 * draws `randn_like` over [1, 9 harmonics, 480 samples per frame]
 * (VladOS95-cyber/onnx_conversion_scripts, chatterbox/chatterbox_to_onnx_conversion_script.py
 * @98928fc; resemble-ai/chatterbox, src/chatterbox/models/s3gen/hifigan.py @5de7a54), i.e. at most
 * 160 + 8640 values per token; 9600 leaves room. An op that needs more reads the table again.
 */
export const NOISE_VALUES_PER_TOKEN = 9600;

export function noiseValuesFor(speechTokens: number): number {
  return NOISE_VALUES_PER_TOKEN * speechTokens;
}

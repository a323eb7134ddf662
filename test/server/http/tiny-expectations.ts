/**
 * What the tiny model will produce for a text, computed from its stated script (models/tiny),
 * the text stage's script for the text (default settings) and the engine's joining rules,
 * never hard-coded.
 */
import { tinyAudioSamples, tinySpeechTokenCount } from '../../../models/tiny/script.ts';
import { joinedLength, pauseSamples } from '../../../server/audio/join-chunks.ts';
import { TextFrontEnd } from '../../../server/engine/text/text-front-end.ts';
import { SAMPLE_RATE_HZ } from '../../../server/shared/audio-constants.ts';
import type { LanguageCode } from '../../../server/shared/languages.ts';
import { prepareSpeech, type SpeechOptions } from '../../../server/text/index.ts';
import { tinyModel } from '../engine/tiny-model.fixture.ts';

export async function expectedTinySamples(
  text: string,
  language: LanguageCode = 'en',
  options: Partial<SpeechOptions> = {},
): Promise<{ samples: number; chunks: number }> {
  const model = await tinyModel('tiny');
  const frontEnd = await TextFrontEnd.load(model.dir);
  const script = prepareSpeech(text, language, options);
  const chunks = await frontEnd.encodeChunks(script.chunks, language);
  const lengths = chunks.map((chunk) => tinyAudioSamples(tinySpeechTokenCount(chunk.textTokens)));
  const pauses = script.chunks.map((chunk) => pauseSamples(chunk.pauseAfterMs, SAMPLE_RATE_HZ));
  return { samples: joinedLength(lengths, pauses, pauseSamples(script.leadingPauseMs, SAMPLE_RATE_HZ)), chunks: chunks.length };
}

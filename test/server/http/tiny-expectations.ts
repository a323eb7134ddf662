/**
 * What the tiny model will produce for a text, computed from its stated script (models/tiny)
 * and the engine's own chunking and joining rules, never hard-coded.
 */
import { tinyAudioSamples, tinySpeechTokenCount } from '../../../models/tiny/script.ts';
import { joinedLength, pauseSamples } from '../../../server/audio/join-chunks.ts';
import { TextFrontEnd } from '../../../server/engine/text/text-front-end.ts';
import { SAMPLE_RATE_HZ } from '../../../server/shared/audio-constants.ts';
import type { LanguageCode } from '../../../server/shared/languages.ts';
import { tinyModel } from '../engine/tiny-model.fixture.ts';

export async function expectedTinySamples(text: string, language: LanguageCode = 'en'): Promise<{ samples: number; chunks: number }> {
  const model = await tinyModel('tiny');
  const frontEnd = await TextFrontEnd.load(model.dir);
  const chunks = await frontEnd.encodeChunks(text, language);
  const lengths = chunks.map((chunk) => tinyAudioSamples(tinySpeechTokenCount(chunk.textTokens)));
  return { samples: joinedLength(lengths, pauseSamples(SAMPLE_RATE_HZ)), chunks: chunks.length };
}

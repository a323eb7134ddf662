/**
 * The four onnxruntime sessions of a model folder. The speech encoder (590 MB in the real
 * model) is only needed for voices not yet cached, so it loads on first use.
 */
import { join } from 'node:path';
import { graphFile, type ModelVariant } from '../../../models/contract.ts';
import { createModelSession, type ModelSession, type SessionOptions } from '../onnx/session.ts';

export interface ChatterboxSessions {
  embedTokens: ModelSession;
  languageModel: ModelSession;
  conditionalDecoder: ModelSession;
  speechEncoder(): Promise<ModelSession>;
  release(): Promise<void>;
}

export async function loadChatterboxSessions(dir: string, variant: ModelVariant, options: SessionOptions): Promise<ChatterboxSessions> {
  const load = (graph: Parameters<typeof graphFile>[0]) => createModelSession(join(dir, graphFile(graph, variant)), options);
  const [embedTokens, languageModel, conditionalDecoder] = await Promise.all([
    load('embed_tokens'),
    load('language_model'),
    load('conditional_decoder'),
  ]);
  let encoder: Promise<ModelSession> | undefined;
  return {
    embedTokens,
    languageModel,
    conditionalDecoder,
    speechEncoder: () => (encoder ??= load('speech_encoder')),
    async release() {
      const all = [embedTokens, languageModel, conditionalDecoder];
      if (encoder) all.push(await encoder);
      await Promise.all(all.map((s) => s.release()));
    },
  };
}

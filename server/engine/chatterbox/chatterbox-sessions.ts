/**
 * The four onnxruntime sessions of a model folder, plus what is read from the graphs once:
 * the text position table (for the CFG unconditional row), whether the language model runs
 * at batch 2, and the decoder to load: the prepared copy whose noise the job's seed drives
 * (written when the model is resolved, models/prepare-decoder.ts) when there is one.
 * The speech encoder (590 MB in the real model) is only needed for voices not yet cached, so it
 * loads on first use.
 */
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { access, readFile } from 'node:fs/promises';
import { HIDDEN_SIZE, SPEECH_POSITION_ROWS, SPEECH_VOCAB_SIZE, TEXT_POSITION_ROWS, graphFile, seededDecoderFile, type ModelVariant } from '../../../models/contract.ts';
import { findInitializersByDims, hasRandomOps, listInitializers, readFloatInitializer } from '../../../models/onnx/onnx-reader.ts';
import { ModelContractError } from '../../shared/errors/model-contract-error.ts';
import { createModelSession, type ModelSession, type SessionOptions } from '../onnx/session.ts';
import { probeBatchOfTwo, type CfgMode } from './language-model-runner.ts';

interface DecoderChoice {
  path: string;
  /** The same seed gives the same audio: the copy with seeded noise, or a decoder that draws none. */
  reproducible: boolean;
  reason?: string;
}

export interface ChatterboxSessions {
  embedTokens: ModelSession;
  languageModel: ModelSession;
  conditionalDecoder: ModelSession;
  speechEncoder(): Promise<ModelSession>;
  /** `text_pos_emb` rows, [2050 x 1024]. */
  textPositionTable: Float32Array;
  cfgMode: CfgMode;
  decoder: DecoderChoice;
  release(): Promise<void>;
}

export async function loadChatterboxSessions(dir: string, variant: ModelVariant, options: SessionOptions): Promise<ChatterboxSessions> {
  const load = (graph: Parameters<typeof graphFile>[0]) => createModelSession(join(dir, graphFile(graph, variant)), options);
  const decoder = await locateDecoder(dir);
  const [embedTokens, languageModel, conditionalDecoder, textPositionTable] = await Promise.all([
    load('embed_tokens'),
    load('language_model'),
    createModelSession(decoder.path, options),
    readTextPositionTable(dir, join(dir, graphFile('embed_tokens', variant))),
  ]);
  const cfgMode: CfgMode = (await probeBatchOfTwo(languageModel)) ? 'batch' : 'split';
  let encoder: Promise<ModelSession> | undefined;
  return {
    embedTokens,
    languageModel,
    conditionalDecoder,
    speechEncoder: () => (encoder ??= load('speech_encoder')),
    textPositionTable,
    cfgMode,
    decoder,
    async release() {
      const all = [embedTokens, languageModel, conditionalDecoder];
      if (encoder) all.push(await encoder);
      await Promise.all(all.map((s) => s.release()));
    },
  };
}

/** The one [2050, 1024] initializer of embed_tokens: its shape tells it from the text, speech and speech-position tables. */
export async function readTextPositionTable(dir: string, embedTokensPath: string): Promise<Float32Array> {
  const found = await findInitializersByDims(embedTokensPath, [TEXT_POSITION_ROWS, HIDDEN_SIZE]);
  if (found.length !== 1) {
    const problem = `embed_tokens: expected one [${TEXT_POSITION_ROWS}, ${HIDDEN_SIZE}] text position table, found ${found.length}; the CFG unconditional row needs it`;
    throw new ModelContractError(`The model in ${dir} does not match the expected graph contract`, { problems: [problem] });
  }
  return readFloatInitializer(embedTokensPath, found[0]!);
}

/**
 * Rows of embed_tokens' text token table: the one [rows, 1024] initializer that is neither the
 * text position (2050), speech (8194) nor speech position (4100) table; undefined when that is
 * not exactly one.
 */
export async function readTextTableRows(embedTokensPath: string): Promise<number | undefined> {
  const others = new Set([TEXT_POSITION_ROWS, SPEECH_VOCAB_SIZE, SPEECH_POSITION_ROWS]);
  const tables = (await listInitializers(embedTokensPath)).filter((i) => i.dims.length === 2 && i.dims[1] === HIDDEN_SIZE && !others.has(i.dims[0]!));
  return tables.length === 1 ? tables[0]!.dims[0] : undefined;
}

/** The prepared decoder copy for the current original, else the original (whose noise then varies run to run). */
async function locateDecoder(dir: string): Promise<DecoderChoice> {
  const original = join(dir, graphFile('conditional_decoder', 'fp32'));
  const prepared = join(dir, seededDecoderFile(createHash('sha256').update(await readFile(original)).digest('hex')));
  if (await access(prepared).then(() => true, () => false)) return { path: prepared, reproducible: true };
  if (!(await hasRandomOps(original))) return { path: original, reproducible: true };
  return { path: original, reproducible: false, reason: 'the decoder draws its own noise and has no prepared copy (npm run models:verify says why)' };
}

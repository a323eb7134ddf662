/**
 * GET /v1/models (and /v1/models/:id) in OpenAI's list shape, GET /v1/audio/voices and
 * GET /v1/audio/models in the shape Open WebUI and similar clients read to fill their menus.
 */
import type Router from '@koa/router';
import type { VoiceResolver } from './voice-aliases.ts';
import type { VoiceService, VoiceView } from '../../jobs/voice-service.ts';
import { NotFoundError } from '../../shared/errors/not-found-error.ts';
import { OPENAI_MODEL_ID, OPENAI_MODEL_NAMES, OpenAiVoicesQuerySchema } from '../schemas/openai.schema.ts';
import { parseInput } from '../schemas/parse-input.ts';

const OWNER = 'chatterbox';
const MS_PER_SECOND = 1000;

export interface ModelsRouteDeps {
  voices: Pick<VoiceService, 'list'>;
  voiceResolver: VoiceResolver;
}

export function registerModelRoutes(router: Router, deps: ModelsRouteDeps): void {
  // OpenAI reports when a model was published; for a self-hosted one, when it was loaded here.
  const created = Math.floor(Date.now() / MS_PER_SECOND);
  const model = (id: string) => ({ id, object: 'model' as const, created, owned_by: OWNER });

  router.get('/v1/models', (ctx) => {
    ctx.body = { object: 'list', data: OPENAI_MODEL_NAMES.map(model) };
  });

  router.get('/v1/models/:id', (ctx) => {
    const id = ctx.params.id!;
    if (!OPENAI_MODEL_NAMES.includes(id)) throw new NotFoundError(`The model "${id}" does not exist here; GET /v1/models lists them.`, { code: 'model_not_found' });
    ctx.body = model(id);
  });

  router.get('/v1/audio/models', (ctx) => {
    ctx.body = { models: OPENAI_MODEL_NAMES.map((id) => ({ id, name: id === OPENAI_MODEL_ID ? 'Chatterbox Multilingual' : `${id} (alias of ${OPENAI_MODEL_ID})` })) };
  });

  router.get('/v1/audio/voices', async (ctx) => {
    const { format } = parseInput(OpenAiVoicesQuerySchema, ctx.query, 'query');
    const voices = await deps.voices.list();
    ctx.body =
      format === 'names'
        ? { voices: voiceNames(voices, deps.voiceResolver) }
        : { voices: voices.map((voice) => ({ id: voice.id, name: voice.name, builtin: voice.builtin, aliases: deps.voiceResolver.aliasesOf(voice) })) };
  });
}

/** Names a client can send back as `voice`: ids of built-in voices, names of uploaded ones (ids when a name is shared), then the aliases. */
function voiceNames(voices: readonly VoiceView[], resolver: VoiceResolver): string[] {
  const count = new Map<string, number>();
  for (const voice of voices) count.set(voice.name.toLowerCase(), (count.get(voice.name.toLowerCase()) ?? 0) + 1);
  const own = voices.map((voice) => (voice.builtin || count.get(voice.name.toLowerCase())! > 1 ? voice.id : voice.name));
  return [...new Set([...own, ...voices.flatMap((voice) => resolver.aliasesOf(voice))])];
}

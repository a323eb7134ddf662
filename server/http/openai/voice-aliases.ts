/**
 * OpenAI voice aliases: turns the `voice` of an OpenAI-style request into one of our voice
 * ids. Clients of the OpenAI API send OpenAI's names ("alloy") or our ids and names. Every
 * OpenAI voice name speaks with the default voice unless CHATTERBOX_OPENAI_VOICES maps it
 * elsewhere (alloy=Narrator); any other name we do not have is a 400 that lists the ones we do.
 */
import type { VoiceView } from '../../jobs/voice-service.ts';
import { ValidationError } from '../../shared/errors/validation-error.ts';
import { DEFAULT_VOICE_ID } from '../../shared/voice.ts';

/** OpenAI's voice names (platform.openai.com/docs/guides/text-to-speech, "Voice options"). */
const OPENAI_VOICE_NAMES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'nova', 'onyx', 'sage', 'shimmer', 'verse', 'marin', 'cedar'] as const;

/** Every OpenAI voice name -> the default voice, then the operator's `alias -> voice` entries over them. */
export function openAiVoiceAliases(configured: Readonly<Record<string, string>>): Map<string, string> {
  return new Map([...OPENAI_VOICE_NAMES.map((name): [string, string] => [name, DEFAULT_VOICE_ID]), ...Object.entries(configured)]);
}

export interface VoiceLister {
  list(): Promise<VoiceView[]>;
}

/** How many voice names an "unknown voice" error lists before "...". */
const LISTED_VOICES = 10;

export class VoiceResolver {
  /** `aliases`: lower-case alias -> voice id or voice name (see openAiVoiceAliases). */
  constructor(
    private readonly voices: VoiceLister,
    private readonly aliases: ReadonlyMap<string, string>,
  ) {}

  /** The voice id to synthesize with; 400 `unknown_voice` / `ambiguous_voice` otherwise. */
  async resolve(requested: string): Promise<string> {
    const voices = await this.voices.list();
    const direct = match(voices, requested);
    if (direct !== undefined) return direct;
    const target = this.aliases.get(requested.trim().toLowerCase());
    if (target !== undefined) {
      const aliased = match(voices, target);
      if (aliased !== undefined) return aliased;
      throw new ValidationError(`voice "${requested}" is mapped to "${target}" (CHATTERBOX_OPENAI_VOICES), but no such voice exists any more.`, { code: 'unknown_voice', field: 'voice' });
    }
    throw new ValidationError(unknownMessage(requested, voices), { code: 'unknown_voice', field: 'voice' });
  }

  /** Aliases pointing at `voice` (for GET /v1/audio/voices). */
  aliasesOf(voice: VoiceView): string[] {
    return [...this.aliases].filter(([, target]) => target === voice.id || target.toLowerCase() === voice.name.toLowerCase()).map(([alias]) => alias);
  }
}

/** Id match first (exact), then a unique case-insensitive name match. */
function match(voices: readonly VoiceView[], requested: string): string | undefined {
  if (requested === DEFAULT_VOICE_ID) return DEFAULT_VOICE_ID;
  const byId = voices.find((voice) => voice.id === requested);
  if (byId !== undefined) return byId.id;
  const wanted = requested.trim().toLowerCase();
  const byName = voices.filter((voice) => voice.name.toLowerCase() === wanted);
  if (byName.length > 1) {
    throw new ValidationError(`${byName.length} voices are named "${requested}"; use one of their ids: ${byName.map((voice) => voice.id).join(', ')}.`, { code: 'ambiguous_voice', field: 'voice' });
  }
  return byName[0]?.id;
}

function unknownMessage(requested: string, voices: readonly VoiceView[]): string {
  const names = voices.slice(0, LISTED_VOICES).map((voice) => (voice.builtin ? voice.id : `${voice.name} (${voice.id})`));
  const more = voices.length > LISTED_VOICES ? `, ... (${voices.length} in all, GET /v1/audio/voices)` : '';
  return (
    `No voice "${requested}". Available: ${names.join(', ')}${more}. Upload one with POST /voices, ` +
    `or use an OpenAI voice name (${OPENAI_VOICE_NAMES.join(', ')}; CHATTERBOX_OPENAI_VOICES maps them, e.g. alloy=Narrator).`
  );
}

/**
 * Turns the `voice` of an OpenAI-style request into one of our voice ids. Clients of the
 * OpenAI API send names ("alloy") or ids; a voice we do not have is a 400 that lists the
 * ones we do, never a silent fallback to the default voice. OpenAI names work only when
 * the operator maps them (CHATTERBOX_OPENAI_VOICES=alloy=default,nova=Narrator).
 */
import { ValidationError } from '../../shared/errors/validation-error.ts';
import { DEFAULT_VOICE_ID } from '../../shared/voice.ts';
import type { VoiceView } from '../voice-service.ts';

export interface VoiceLister {
  list(): Promise<VoiceView[]>;
}

/** How many voice names an "unknown voice" error lists before "...". */
const LISTED_VOICES = 10;

export class VoiceResolver {
  /** `aliases`: lower-case alias -> voice id or voice name. */
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
    'or map OpenAI voice names with CHATTERBOX_OPENAI_VOICES (e.g. alloy=default).'
  );
}

/**
 * The text-stage fields both synthesis routes accept (the text itself, `normalize`, an inline
 * `lexicon`), the lexicon API's bodies, and the captions query: validation and OpenAPI in one place.
 */
import { z } from 'zod';
import { LANGUAGE_CODES } from '../../shared/languages.ts';
import { codePointLength, hasSpeakableText } from '../../shared/text-length.ts';
import { validateLexicon } from '../../text/index.ts';

const LEXICON_FIELD = 'lexicon';

/** Word -> respelling; the text stage's rules (non-empty, bounded, no loops) become issues on the offending word. */
function lexiconSchema(description: string) {
  return z
    .record(z.string(), z.string())
    .superRefine((lexicon, ctx) => {
      for (const problem of validateLexicon(lexicon, LEXICON_FIELD)) {
        const word = problem.field.slice(LEXICON_FIELD.length + 1);
        ctx.addIssue({ code: 'custom', path: word === '' ? [] : [word], message: problem.message, params: { code: 'invalid_lexicon' } });
      }
    })
    .meta({ description, example: { GPT: 'G P T', Nguyen: 'Win' } });
}

/** The text to speak: at most `maxTextChars` code points, and something left once invisible characters go. */
export function speechTextSchema(maxTextChars: number, lengthCode: string, description: string) {
  return z
    .string()
    .min(1)
    .refine((text) => codePointLength(text) <= maxTextChars, { message: `allows at most ${maxTextChars} characters`, params: { code: lengthCode } })
    .refine(hasSpeakableText, { message: 'has nothing to speak (only whitespace, control, zero-width or bidi characters)', params: { code: 'empty_text' } })
    .meta({ description, example: 'Hello from Chatterbox.', maxLength: maxTextChars });
}

export const NormalizeSchema = z
  .boolean()
  .optional()
  .meta({
    description:
      'Turn Markdown, numbers, dates, currencies, units, symbols, URLs and emojis into words of the language before speaking ' +
      '(docs/speakable-text.md). Default: the server setting CHATTERBOX_TEXT_NORMALIZE (true). Pauses and sentence splitting apply either way.',
  });

export const InlineLexiconSchema = lexiconSchema(
  'Pronunciation fixes for this request, word -> respelling, whole-word and case-aware; merged over the stored lexicon of the language (these win)',
).optional();

/** PUT /lexicons/{language}. */
export const LexiconBodySchema = z
  .strictObject({ entries: lexiconSchema('Word -> respelling, whole-word and case-aware, applied before number handling') })
  .meta({ id: 'LexiconUpdate' });

export const LanguageParamSchema = z.object({ language: z.enum(LANGUAGE_CODES).meta({ description: 'Language code (GET /languages)' }) });

export const LexiconSchema = z
  .object({ language: z.string(), entries: z.record(z.string(), z.string()) })
  .meta({ id: 'Lexicon' });

export const DeletedLexiconSchema = z
  .object({ language: z.string(), deleted: z.boolean().meta({ description: 'false when the language had no stored entries' }) })
  .meta({ id: 'DeletedLexicon' });

export const CaptionsQuerySchema = z.object({
  format: z.enum(['srt', 'vtt']).default('vtt').meta({ description: 'SubRip (srt) or WebVTT (vtt)' }),
});

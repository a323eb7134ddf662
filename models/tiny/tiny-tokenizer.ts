/**
 * A small tokenizer.json with the structure of the real one (BPE over graphemes, a Replace
 * normalizer turning spaces into [SPACE], added tokens for [xx] tags and [cj_*] codes, a
 * TemplateProcessing post-processor whose special tokens carry the speech-space ids
 * 6563 and 6561). Ids of known tokens match the real vocabulary (§3.2 of the reference), so
 * the golden sequences there reproduce; everything else is laid out in blocks below 2352.
 */
import { TOKENS } from '../contract.ts';
import { TINY_SCRIPT } from './script.ts';

/** Ids the real vocabulary uses (the export's tokenizer.json), plus blocks of our own for the rest. */
const KNOWN_LANGUAGE_IDS: Record<string, number> = { fr: 634, es: 635, de: 636, en: 708, ja: 723, ko: 724, zh: 725 };
const OTHER_LANGUAGES = ['ar', 'da', 'el', 'fi', 'he', 'hi', 'it', 'ms', 'nl', 'no', 'pl', 'pt', 'ru', 'sv', 'sw', 'tr'];
const OTHER_LANGUAGE_IDS = [700, 701, 702, 703, 704, 705, 706, 707, 709, 710, 711, 712, 713, 714, 715, 716];

const PUNCTUATION = ['!', "'", '(', ')', ',', '-', '.', ':', ';', '"', '?'];
const PUNCTUATION_FIRST_ID = 3;
const LOWER_FIRST_ID = 14; // a=14 ... z=39 (matches the golden ids)
const DIGIT_FIRST_ID = 40;
/** Merges in priority order with the ids they produce; 'es','ow','you','are','fe','ca','it' match golden ids. */
const MERGES: Array<[string, string, number]> = [
  ['t', 'h', 50], ['th', 'e', 51], ['h', 'e', 52], ['i', 'n', 53], ['e', 'r', 54], ['a', 'n', 55], ['o', 'n', 56],
  ['e', 'n', 57], ['l', 'l', 58], ['i', 't', 60], ['e', 's', 61], ['o', 'w', 69], ['y', 'o', 73], ['yo', 'u', 74],
  ['a', 'r', 120], ['ar', 'e', 127], ['f', 'e', 132], ['c', 'a', 183],
];

/** Unicode blocks mapped one code point per id: [first code point, last, first id]. */
const CHAR_BLOCKS: Array<[number, number, number]> = [
  [0x41, 0x5a, 300], // A-Z
  [0xc0, 0xff, 336], // Latin-1 letters
  [0x100, 0x17f, 400], // Latin Extended-A (Turkish, Polish, ...)
  [0x430, 0x44f, 800], // Cyrillic lower
  [0x410, 0x42f, 832], // Cyrillic upper
  [0x451, 0x451, 864], // ё
  [0x3b1, 0x3c9, 870], // Greek lower
  [0x391, 0x3a9, 895], // Greek upper
  [0x5d0, 0x5ea, 920], // Hebrew letters
  [0x5b0, 0x5c7, 774], // Hebrew niqqud
  [0x621, 0x64a, 950], // Arabic letters
  [0x900, 0x97f, 1000], // Devanagari
  [0x3041, 0x3096, 1130], // Hiragana
  [0x30a1, 0x30fa, 1216], // Katakana
  [0x1100, 0x1112, 1783], // Hangul initial jamo (golden ids)
  [0x1161, 0x1175, 1880], // Hangul medial jamo (golden ids)
  [0x11a8, 0x11c2, 1951], // Hangul final jamo (golden ids)
];
const SINGLE_CHARS: Array<[string, number]> = [
  ['\u0308', 762], ['\u0300', 763], ['\u0301', 764], ['\u0302', 765], ['\u0303', 766], ['\u0327', 767], ['\u030a', 768],
  ['\u030c', 769], ['\u0306', 770], ['\u0328', 771], ['\u0307', 772], ['\u0304', 773], ['ー', 1306], ['\u3099', 1307],
  ['\u309a', 1308], ['、', 1310], ['。', 1311], ['！', 1312], ['？', 1313], ['，', 1314], ['「', 1315], ['」', 1316],
  ['،', 1320], ['؟', 1321], ['¿', 1322], ['¡', 1323], ['«', 1324], ['»', 1325],
];
const CANGJIE_LETTER_FIRST_ID = 733; // [cj_a]=733 ... [cj_z]=758 (golden ids)
const CANGJIE_END_ID = 2064; // [cj_.]
const CANGJIE_DIGIT_FIRST_ID = 2065;

/** Template special tokens: speech-space ids the text vocabulary does not contain. */
const TEMPLATE_TOKENS = { exaggeration: '[EXAGGERATION]', startSpeech: '[START_SPEECH]', start: '[START]', stop: '[STOP]' };

function buildTinyVocabulary(): { vocab: Map<string, number>; added: Array<{ content: string; id: number; normalized: boolean; special: boolean }> } {
  const vocab = new Map<string, number>();
  const added: Array<{ content: string; id: number; normalized: boolean; special: boolean }> = [];
  const addSpecial = (content: string, id: number, normalized = false) => {
    vocab.set(content, id);
    added.push({ content, id, normalized, special: true });
  };
  addSpecial('[STOP]', TOKENS.textStop);
  addSpecial('[UNK]', TOKENS.textUnknown);
  addSpecial('[SPACE]', TOKENS.textSpace, true);
  addSpecial('[START]', TOKENS.textStart);
  addSpecial('[UH]', TOKENS.textUh);
  for (const [code, id] of Object.entries(KNOWN_LANGUAGE_IDS)) addSpecial(`[${code}]`, id);
  OTHER_LANGUAGES.forEach((code, i) => addSpecial(`[${code}]`, OTHER_LANGUAGE_IDS[i]!));
  for (let i = 0; i < 26; i++) addSpecial(`[cj_${String.fromCharCode(97 + i)}]`, CANGJIE_LETTER_FIRST_ID + i);
  for (let i = 0; i < 10; i++) addSpecial(`[cj_${i}]`, CANGJIE_DIGIT_FIRST_ID + i);
  addSpecial('[cj_.]', CANGJIE_END_ID);

  PUNCTUATION.forEach((p, i) => vocab.set(p, PUNCTUATION_FIRST_ID + i));
  for (let i = 0; i < 26; i++) vocab.set(String.fromCharCode(97 + i), LOWER_FIRST_ID + i);
  for (let i = 0; i < 10; i++) vocab.set(String(i), DIGIT_FIRST_ID + i);
  for (const [first, last, firstId] of CHAR_BLOCKS) {
    for (let cp = first; cp <= last; cp++) vocab.set(String.fromCodePoint(cp), firstId + cp - first);
  }
  for (const [char, id] of SINGLE_CHARS) vocab.set(char, id);
  // Plain characters of the tiny vocabulary that switch the tiny LM into its runaway modes.
  vocab.set(TINY_SCRIPT.runawayChar, TINY_SCRIPT.runawayTextTokenId);
  vocab.set(TINY_SCRIPT.stuckChar, TINY_SCRIPT.stuckTextTokenId);
  for (const [left, right, id] of MERGES) vocab.set(left + right, id);
  return { vocab, added };
}

/** The tokenizer.json document (serialize with JSON.stringify). */
export function buildTinyTokenizerJson(): object {
  const { vocab, added } = buildTinyVocabulary();
  const special = (id: string) => ({ SpecialToken: { id, type_id: 0 } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added.map((t) => ({ ...t, single_word: false, lstrip: false, rstrip: false })),
    normalizer: { type: 'Replace', pattern: { String: ' ' }, content: '[SPACE]' },
    pre_tokenizer: { type: 'Whitespace' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        special(TEMPLATE_TOKENS.exaggeration),
        special(TEMPLATE_TOKENS.start),
        { Sequence: { id: 'A', type_id: 0 } },
        special(TEMPLATE_TOKENS.stop),
        special(TEMPLATE_TOKENS.startSpeech),
        special(TEMPLATE_TOKENS.startSpeech),
      ],
      pair: [{ Sequence: { id: 'A', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }],
      special_tokens: {
        [TEMPLATE_TOKENS.exaggeration]: { id: TEMPLATE_TOKENS.exaggeration, ids: [TOKENS.exaggeration], tokens: [TEMPLATE_TOKENS.exaggeration] },
        [TEMPLATE_TOKENS.start]: { id: TEMPLATE_TOKENS.start, ids: [TOKENS.textStart], tokens: [TEMPLATE_TOKENS.start] },
        [TEMPLATE_TOKENS.stop]: { id: TEMPLATE_TOKENS.stop, ids: [TOKENS.textStop], tokens: [TEMPLATE_TOKENS.stop] },
        [TEMPLATE_TOKENS.startSpeech]: { id: TEMPLATE_TOKENS.startSpeech, ids: [TOKENS.startSpeech], tokens: [TEMPLATE_TOKENS.startSpeech] },
      },
    },
    decoder: null,
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: '[UNK]',
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      vocab: Object.fromEntries([...vocab.entries()].sort((a, b) => a[1] - b[1])),
      merges: MERGES.map(([left, right]) => `${left} ${right}`),
    },
  };
}

export const TINY_TOKENIZER_CONFIG = { tokenizer_class: 'PreTrainedTokenizerFast', model_max_length: 2048 };

// The synthesis form: text with its character count, language, output format, parameters
// and seed. It builds the POST /tts/synthesize body; the service validates it.

import { byId, h } from './dom.js';
import { formatCount } from './format.js';
import { loadFormState, saveFormState } from './local-store.js';
import { createParamControls } from './param-controls.js';

/** Wait after the last keystroke before saving the form to local storage. */
const SAVE_DELAY_MS = 400;

/** What each output format is good for, shown in the dropdown. */
const FORMAT_NOTES = {
  wav: 'WAV (lossless, largest)',
  mp3: 'MP3',
  opus: 'Opus (small, good quality)',
  flac: 'FLAC (lossless, compressed)',
  aac: 'AAC',
  pcm: 'PCM (raw 16-bit, no header)',
};

/**
 * @param {import('./service-schema.js').ServiceSchema} schema
 * @param {{ languages: { code: string, name: string }[] }} languages from GET /languages
 * @param {{ value: string }} voices the voice picker
 */
export function createComposeForm(schema, languages, voices) {
  const el = {
    form: byId('synth-form'),
    text: byId('text'),
    count: byId('text-count'),
    language: byId('language'),
    format: byId('format'),
    normalize: byId('normalize'),
    seed: byId('seed'),
    seedClear: byId('seed-clear'),
    reset: byId('params-reset'),
    submit: byId('submit'),
  };
  const textRules = schema.field('text');
  const seedRules = schema.field('seed');
  const formatRules = schema.field('format');
  const formats = formatRules.enum ?? [];
  const maxChars = textRules.maxLength ?? Infinity;
  const params = createParamControls(byId('params'), schema);
  let saveTimer = 0;

  el.language.replaceChildren(
    ...languages.languages.map((language) =>
      h('option', { value: language.code }, `${language.name} (${language.code})`),
    ),
  );
  el.format.replaceChildren(
    ...formats.map((format) => h('option', { value: format }, FORMAT_NOTES[format] ?? format)),
  );
  el.seed.max = String(seedRules.maximum);

  function updateCount() {
    const length = el.text.value.length;
    const over = length > maxChars;
    el.count.textContent = `${formatCount(length)} / ${formatCount(maxChars)} characters`;
    el.count.classList.toggle('over', over);
  }

  function state() {
    return {
      text: el.text.value,
      language: el.language.value,
      voice: voices.value,
      format: el.format.value,
      normalize: el.normalize.checked,
      seed: el.seed.value,
      params: params.values(),
    };
  }

  function restore(saved) {
    el.text.value = saved?.text ?? '';
    el.language.value = saved?.language ?? schema.field('language').default;
    if (!el.language.value) el.language.value = schema.field('language').default;
    el.format.value = formats.includes(saved?.format) ? saved.format : formatRules.default;
    el.normalize.checked = saved?.normalize ?? true;
    el.seed.value = saved?.seed ?? '';
    params.set(saved?.params);
    if (saved?.voice) voices.value = saved.voice;
    updateCount();
  }

  el.form.addEventListener('input', () => {
    updateCount();
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => saveFormState(state()), SAVE_DELAY_MS);
  });
  el.form.addEventListener('change', () => saveFormState(state()));
  // A reload within the save delay would otherwise lose the last keystrokes.
  window.addEventListener('pagehide', () => saveFormState(state()));
  // Ctrl+Enter (Cmd+Enter on a Mac) in the text box submits, as in chat and code review tools.
  el.text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !el.submit.disabled)
      el.form.requestSubmit();
  });
  el.seedClear.addEventListener('click', () => {
    el.seed.value = '';
    saveFormState(state());
  });
  el.reset.addEventListener('click', () => {
    params.reset();
    saveFormState(state());
  });
  restore(loadFormState());

  return {
    element: el.form,
    /** The request body; an empty seed asks the service to draw one. */
    request() {
      const current = state();
      const seedText = current.seed.trim();
      return {
        text: current.text,
        language: current.language,
        voice: current.voice,
        format: current.format,
        normalize: current.normalize,
        ...current.params,
        seed: seedText === '' ? null : Number(seedText),
      };
    },
    setSeed(seed) {
      el.seed.value = String(seed);
      byId('params-box').open = true;
      saveFormState(state());
    },
    setBusy(busy) {
      el.submit.disabled = busy;
      el.submit.textContent = busy ? 'Submitting…' : 'Generate speech';
    },
  };
}

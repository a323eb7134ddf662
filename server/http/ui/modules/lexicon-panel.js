// The pronunciation lexicon of the selected language (GET/PUT /lexicons/{language}): its
// entries, each removable, and a row to add one. The service checks every entry; its error
// (empty, too long, a loop) is shown under the row.

import { byId, h } from './dom.js';

/**
 * @param {import('./api-client.js').ApiClient} api
 * @param {HTMLSelectElement} languageSelect the form's language picker
 * @param {{ onError: (error: Error & { status?: number }) => void }} hooks errors not about an entry (e.g. 401)
 */
export function createLexiconPanel(api, languageSelect, hooks) {
  const el = {
    language: byId('lexicon-language'),
    list: byId('lexicon-list'),
    empty: byId('lexicon-empty'),
    word: byId('lexicon-word'),
    say: byId('lexicon-say'),
    add: byId('lexicon-add'),
    error: byId('lexicon-editor').querySelector('[data-error-for="lexicon"]'),
  };
  /** @type {Record<string, string>} */
  let entries = {};

  function showEntryError(message) {
    el.error.textContent = message;
    el.error.hidden = !message;
  }

  function render() {
    el.language.textContent = languageSelect.value;
    const words = Object.keys(entries).sort((a, b) => a.localeCompare(b));
    el.list.replaceChildren(
      ...words.map((word) =>
        h(
          'li',
          { dataset: { word } },
          h('span', {}, h('strong', {}, word), ' → ', entries[word]),
          h('button', { type: 'button', 'aria-label': `Remove ${word}`, onClick: () => void save(without(entries, word)) }, 'Remove'),
        ),
      ),
    );
    el.empty.hidden = words.length > 0;
  }

  async function save(next) {
    showEntryError('');
    try {
      entries = (await api.putLexicon(languageSelect.value, next)).entries;
      render();
      return true;
    } catch (error) {
      if (error.status === 400) showEntryError(error.message);
      else hooks.onError(error);
      return false;
    }
  }

  async function refresh() {
    showEntryError('');
    try {
      entries = (await api.lexicon(languageSelect.value)).entries;
    } catch (error) {
      entries = {};
      hooks.onError(error);
    }
    render();
  }

  el.add.addEventListener('click', async () => {
    const word = el.word.value.trim();
    if (await save({ ...entries, [word]: el.say.value.trim() })) {
      el.word.value = '';
      el.say.value = '';
    }
  });
  languageSelect.addEventListener('change', () => void refresh());

  return { refresh };
}

function without(entries, word) {
  const copy = { ...entries };
  delete copy[word];
  return copy;
}

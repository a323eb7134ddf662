// Everything the page keeps in the browser's local storage, under one prefix.
// Storage can be unavailable (private mode, disabled cookies): the page then still works,
// it just forgets on reload.

const PREFIX = 'chatterbox.';
/** Text snippets remembered for the history list; older entries are dropped first. */
const MAX_REMEMBERED_TEXTS = 200;
const SNIPPET_CHARS = 140;

function read(key, fallback) {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw === null ? fallback : JSON.parse(raw);
  } catch {
    return fallback;
  }
}

function write(key, value) {
  try {
    if (value === null || value === undefined) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Quota exceeded or storage disabled: nothing to do but carry on.
  }
}

/** @returns {{ apiKey: string, baseUrl: string }} */
export function loadConnection() {
  return { apiKey: read('apiKey', ''), baseUrl: read('serviceUrl', '') };
}

/** @param {{ apiKey: string, baseUrl: string }} connection */
export function saveConnection({ apiKey, baseUrl }) {
  write('apiKey', apiKey || null);
  write('serviceUrl', baseUrl || null);
}

/** Last form values, so a reload keeps the user's text and settings. */
export function loadFormState() {
  return read('form', null);
}

export function saveFormState(state) {
  write('form', state);
}

/**
 * The service stores only a job's character count, so this browser remembers the start of
 * the texts it submitted to label its own jobs in the history.
 */
export function rememberJobText(id, text) {
  const texts = read('jobTexts', {});
  texts[id] = text.length > SNIPPET_CHARS ? text.slice(0, SNIPPET_CHARS) + '…' : text;
  const ids = Object.keys(texts);
  for (const old of ids.slice(0, Math.max(0, ids.length - MAX_REMEMBERED_TEXTS))) delete texts[old];
  write('jobTexts', texts);
}

export function jobText(id) {
  return read('jobTexts', {})[id] ?? null;
}

export function forgetJobText(id) {
  const texts = read('jobTexts', {});
  delete texts[id];
  write('jobTexts', texts);
}

/** The job the result panel shows, so a reload shows it again (and keeps following it). */
export function loadCurrentJob() {
  return read('currentJob', null);
}

export function saveCurrentJob(id) {
  write('currentJob', id);
}

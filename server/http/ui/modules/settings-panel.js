// The connection panel: API key (entered once, kept in local storage) and an optional
// service URL for a page served apart from the API.

import { byId } from './dom.js';
import { clearErrors, showError } from './field-errors.js';
import { loadConnection, saveConnection } from './local-store.js';

function isHttpUrl(text) {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/**
 * @param {{ onSaved: () => void }} hooks called after the user saved or forgot the key
 */
export function createSettingsPanel(hooks) {
  const el = {
    panel: byId('settings'),
    toggle: byId('settings-toggle'),
    form: byId('settings-form'),
    key: byId('api-key'),
    url: byId('service-url'),
    forget: byId('forget-key'),
  };
  let connection = loadConnection();

  function label() {
    el.toggle.textContent = connection.apiKey ? 'API key ✓' : 'API key';
  }

  function setOpen(open) {
    el.panel.hidden = !open;
    el.toggle.setAttribute('aria-expanded', String(open));
    if (open) {
      el.key.value = connection.apiKey;
      el.url.value = connection.baseUrl;
    }
  }

  function save(next) {
    connection = next;
    saveConnection(connection);
    label();
    clearErrors(el.form);
    hooks.onSaved();
  }

  el.toggle.addEventListener('click', () => setOpen(el.panel.hidden));
  el.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const baseUrl = el.url.value.trim();
    if (baseUrl && !isHttpUrl(baseUrl)) {
      showError(el.form, {
        field: 'service_url',
        message: 'Enter a full URL such as http://host:8123, or leave it empty.',
      });
      return;
    }
    save({ apiKey: el.key.value.trim(), baseUrl });
    setOpen(false);
  });
  el.forget.addEventListener('click', () => {
    el.key.value = '';
    save({ ...connection, apiKey: '' });
  });
  label();

  return {
    /** Read on every request, so a saved key applies at once. */
    connection: () => connection,
    /** Opens the panel with the service's complaint next to the key field (401/403). */
    showAuthError(error) {
      setOpen(true);
      clearErrors(el.form);
      const message = connection.apiKey
        ? `The service rejected this key. ${error.message}`
        : `This service needs an API key. ${error.message}`;
      showError(el.form, { field: 'api_key', message });
    },
  };
}

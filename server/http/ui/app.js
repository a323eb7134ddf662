// Entry point of the web client: connects the panels to the service and runs the
// submit -> follow -> play flow. Each panel lives in its own module under modules/.

import { ApiClient } from './modules/api-client.js';
import { createComposeForm } from './modules/compose-form.js';
import { byId } from './modules/dom.js';
import { clearErrors, showError } from './modules/field-errors.js';
import { startHealthBadge } from './modules/health-badge.js';
import { createHistoryPanel } from './modules/history-panel.js';
import { watchJob } from './modules/job-watcher.js';
import { createLexiconPanel } from './modules/lexicon-panel.js';
import { loadCurrentJob, rememberJobText, saveCurrentJob } from './modules/local-store.js';
import { createResultPanel } from './modules/result-panel.js';
import { readServiceSchema } from './modules/service-schema.js';
import { createSettingsPanel } from './modules/settings-panel.js';
import { createVoicePanel } from './modules/voice-panel.js';

const formElement = byId('synth-form');
const settings = createSettingsPanel({ onSaved: () => void boot() });
const api = new ApiClient(settings.connection);
const health = startHealthBadge(api);
const result = createResultPanel(api);
const voices = createVoicePanel(api, { onError: reportError });
const history = createHistoryPanel(api, {
  onReplay: (job) => void replay(job),
  onDeleted: (id) => {
    if (result.currentId !== id) return;
    watcher?.abort();
    result.showError('This job was deleted.');
    saveCurrentJob(null);
  },
  onError: reportError,
  voiceName: (id) => voices.nameOf(id),
});
let compose = null;
let lexicon = null;
let watcher = null;

/** Errors with no field of their own: 401/403 go to the key field, the rest above the form. */
function reportError(error) {
  if (error.status === 401 || error.status === 403) settings.showAuthError(error);
  else showError(formElement, { message: error.message });
}

async function follow(id) {
  watcher?.abort();
  const controller = new AbortController();
  watcher = controller;
  saveCurrentJob(id);
  let shownStatus = null;
  try {
    const final = await watchJob(
      api,
      id,
      (status, via) => {
        if (result.currentId === id) result.update(status, via);
        // The history row and the queue count follow the job instead of waiting for a poll;
        // also on the first status, which may already differ from what the submit listed.
        if (status.status !== shownStatus) {
          shownStatus = status.status;
          void history.refresh();
          void health.check();
        }
      },
      controller.signal,
    );
    if (final?.status === 'COMPLETE') await result.showAudio(final);
  } catch (error) {
    if (result.currentId === id) result.showError(error.message);
    if (error.status === 410 || error.status === 404) saveCurrentJob(null);
  }
  if (!controller.signal.aborted) void history.refresh();
}

async function replay(job) {
  watcher?.abort();
  result.start(job.chatterbox_id);
  result.update(job);
  saveCurrentJob(job.chatterbox_id);
  try {
    await result.showAudio(job);
    byId('result').scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  } catch (error) {
    result.showError(error.message);
  }
}

async function submit(event) {
  event.preventDefault();
  if (!compose) return;
  clearErrors(formElement);
  const request = compose.request();
  compose.setBusy(true);
  let accepted;
  try {
    accepted = await api.synthesize(request);
  } catch (error) {
    if (error.status === 401 || error.status === 403) settings.showAuthError(error);
    else showError(formElement, error);
    return;
  } finally {
    compose.setBusy(false);
  }
  rememberJobText(accepted.chatterbox_id, request.text);
  result.start(accepted.chatterbox_id);
  void history.refresh();
  await follow(accepted.chatterbox_id);
}

/** Shows the job the page showed before a reload, following it if it still runs. */
async function resumeCurrentJob() {
  const id = loadCurrentJob();
  if (!id || result.currentId) return;
  result.start(id);
  await follow(id);
}

/** Loads what the form needs from the service; runs again after the key changed. */
async function boot() {
  clearErrors(formElement);
  void health.check();
  try {
    const [doc, languages] = await Promise.all([api.openApi().catch(() => null), api.languages()]);
    await voices.refresh();
    const schema = readServiceSchema(doc);
    voices.describeLimits(schema.voiceUpload.description);
    compose ??= createComposeForm(schema, languages, voices);
    lexicon ??= createLexiconPanel(api, byId('language'), { onError: reportError });
    compose.setBusy(false);
    await lexicon.refresh();
    document.body.dataset.ready = 'true';
    await Promise.all([history.refresh(), resumeCurrentJob()]);
  } catch (error) {
    if (error.status === 401 || error.status === 403) settings.showAuthError(error);
    else
      showError(formElement, {
        message: `Could not load the form from the service: ${error.message}`,
      });
  }
}

// The watcher keeps running: the service reports the CANCELLED status on the same stream.
result.onCancel(async (id) => {
  try {
    await api.cancelJob(id);
  } catch (error) {
    // 409: it finished in the meantime; the watcher shows the outcome.
    if (error.status !== 409) result.showError(error.message);
  }
  void history.refresh();
});
formElement.addEventListener('submit', (event) => void submit(event));
result.onReuseSeed((seed) => compose?.setSeed(seed));

void boot();

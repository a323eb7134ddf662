// Voice picker: the voices from GET /voices, upload of a reference clip (file or microphone
// recording) and deletion of stored voices.

import { byId, confirmingButton, h } from './dom.js';
import { clearErrors, showError } from './field-errors.js';
import { formatDuration } from './format.js';
import { canRecord, startRecording } from './mic-recorder.js';

const DEFAULT_VOICE = 'default';

function voiceOption(voice) {
  const duration = voice.duration_seconds ? ` (${formatDuration(voice.duration_seconds)})` : '';
  return h(
    'option',
    { value: voice.id, dataset: { builtin: String(Boolean(voice.builtin)) } },
    `${voice.name}${duration}`,
  );
}

/**
 * @param {import('./api-client.js').ApiClient} api
 * @param {{ onError: (error: Error) => void }} hooks errors not tied to a field (e.g. 401)
 */
export function createVoicePanel(api, hooks) {
  const el = {
    select: byId('voice'),
    remove: byId('voice-delete'),
    box: byId('voice-upload-box'),
    details: byId('voice-add'),
    name: byId('voice-name'),
    file: byId('voice-file'),
    upload: byId('voice-upload'),
    record: byId('voice-record'),
    status: byId('voice-status'),
    preview: byId('voice-preview'),
  };
  let recording = null;
  let previewUrl = null;
  /** id -> name of the voices last listed, for labels elsewhere (the history). */
  let names = new Map();

  function updateDeleteButton() {
    const option = el.select.selectedOptions[0];
    el.remove.disabled = !option || option.dataset.builtin === 'true';
  }

  async function refresh(selectId) {
    const keep = selectId ?? el.select.value ?? DEFAULT_VOICE;
    const { voices } = await api.voices();
    names = new Map(voices.map((voice) => [voice.id, voice.name]));
    el.select.replaceChildren(...voices.map(voiceOption));
    el.select.value = voices.some((voice) => voice.id === keep) ? keep : DEFAULT_VOICE;
    updateDeleteButton();
  }

  async function upload(blob, fileName) {
    clearErrors(el.box);
    const form = new FormData();
    form.append('file', blob, fileName);
    if (el.name.value.trim()) form.append('name', el.name.value.trim());
    el.status.textContent = 'Uploading…';
    try {
      const voice = await api.uploadVoice(form);
      el.status.textContent = `Added “${voice.name}” (${formatDuration(voice.duration_seconds)}).`;
      el.name.value = '';
      el.file.value = '';
      await refresh(voice.id);
    } catch (error) {
      el.status.textContent = '';
      if (error.status === 401) hooks.onError(error);
      else showError(el.box, { field: error.field ?? 'file', message: error.message });
    }
  }

  function showPreview(blob) {
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = URL.createObjectURL(blob);
    el.preview.src = previewUrl;
    el.preview.hidden = false;
  }

  async function toggleRecording() {
    if (recording) {
      const active = recording;
      recording = null;
      el.record.textContent = 'Record from microphone';
      el.status.textContent = 'Preparing the recording…';
      const clip = await active.stop();
      showPreview(clip);
      if (!el.name.value.trim()) el.name.value = `Recording ${new Date().toLocaleString()}`;
      await upload(clip, 'recording.wav');
      return;
    }
    try {
      recording = await startRecording();
      el.record.textContent = 'Stop and upload';
      el.status.textContent = 'Recording… speak now.';
    } catch (error) {
      el.status.textContent = `Microphone unavailable: ${error.message}`;
    }
  }

  el.select.addEventListener('change', updateDeleteButton);
  el.upload.addEventListener('click', () => {
    const file = el.file.files?.[0];
    if (!file) {
      showError(el.box, { field: 'file', message: 'Choose an audio file first.' });
      return;
    }
    showPreview(file);
    void upload(file, file.name);
  });
  el.record.hidden = !canRecord();
  el.record.addEventListener('click', () => void toggleRecording());
  confirmingButton(el.remove, async () => {
    const id = el.select.value;
    try {
      await api.deleteVoice(id);
      el.status.textContent = 'Voice deleted.';
      await refresh(DEFAULT_VOICE);
    } catch (error) {
      if (error.status === 401) hooks.onError(error);
      else showError(el.select.closest('form'), { field: 'voice', message: error.message });
      updateDeleteButton();
    }
  });

  return {
    refresh,
    /** The voice's name, or its id when it is not (or no longer) listed. */
    nameOf(id) {
      return names.get(id) ?? id;
    },
    get value() {
      return el.select.value;
    },
    set value(id) {
      if ([...el.select.options].some((option) => option.value === id)) el.select.value = id;
      updateDeleteButton();
    },
    /** Shows the service's description of reference clips, when its OpenAPI document has one. */
    describeLimits(description) {
      if (description)
        byId('voice-hint').textContent =
          `${description.replace(/\.?$/, '.')} One speaker, clean, a few seconds long.`;
    },
  };
}

// The result panel: one job's id, live status and progress, then its audio with a waveform,
// duration, a download link, captions links and the text the model spoke. Audio and captions
// are fetched with the API key and offered from object URLs.

import { byId, h } from './dom.js';
import { formatBytes, formatDuration, statusLabel } from './format.js';
import { createWaveform } from './waveform.js';

/** What to say when a job ended without audio and the service gave no reason. */
const ENDED_WITHOUT_AUDIO = {
  FAILED: 'The job failed without a reason from the service.',
  CANCELLED: 'The job was cancelled before it finished; there is no audio.',
};

export function createResultPanel(api) {
  const el = {
    empty: byId('result-empty'),
    job: byId('job'),
    id: byId('job-id'),
    status: byId('job-status'),
    running: byId('job-running'),
    progress: byId('job-progress'),
    progressText: byId('job-progress-text'),
    cancel: byId('job-cancel'),
    error: byId('job-error'),
    player: byId('player'),
    audio: byId('audio'),
    meta: byId('audio-meta'),
    download: byId('download'),
    reuseSeed: byId('reuse-seed'),
    captionsSrt: byId('captions-srt'),
    captionsVtt: byId('captions-vtt'),
    spoken: byId('spoken'),
    spokenChunks: byId('spoken-chunks'),
    unspeakable: byId('unspeakable'),
  };
  const waveform = createWaveform(byId('waveform'), el.audio);
  /** Object URLs this panel created; revoked when the next job replaces them. */
  let urls = [];
  let currentId = null;
  let currentSeed = null;

  function releaseUrls() {
    for (const url of urls) URL.revokeObjectURL(url);
    urls = [];
  }

  function objectUrl(blob) {
    const url = URL.createObjectURL(blob);
    urls.push(url);
    return url;
  }

  /** What the model was given, chunk by chunk, and the characters it could not say. */
  function showSpoken(status) {
    const chunks = status.spoken_chunks ?? [];
    el.spokenChunks.replaceChildren(...chunks.map((chunk) => h('li', {}, chunk)));
    const dropped = Object.entries(status.unspeakable ?? {});
    el.unspeakable.textContent = dropped.length
      ? `Not spoken (the voice has no sound for them): ${dropped.map(([char, count]) => `${char} ×${count}`).join(', ')}`
      : '';
    el.unspeakable.hidden = dropped.length === 0;
    el.spoken.hidden = chunks.length === 0;
  }

  /** Jobs from before captions existed have none (409): their links stay hidden. */
  async function linkCaptions(id) {
    for (const [link, format] of [[el.captionsSrt, 'srt'], [el.captionsVtt, 'vtt']]) {
      link.hidden = true;
      const captions = await api.captions(id, format).catch(() => null);
      if (currentId !== id || !captions) return;
      link.href = objectUrl(captions.blob);
      link.download = captions.fileName;
      link.hidden = false;
    }
  }

  function showProgress(status) {
    const progress = status.progress;
    if (status.status === 'QUEUED') {
      el.progress.removeAttribute('value');
      el.progressText.textContent = 'Waiting in the queue…';
    } else if (progress && progress.chunks_total > 0) {
      el.progress.max = progress.chunks_total;
      el.progress.value = progress.chunks_done;
      el.progressText.textContent = `Chunk ${progress.chunks_done} of ${progress.chunks_total}`;
    } else {
      el.progress.removeAttribute('value');
      el.progressText.textContent = 'Synthesizing…';
    }
  }

  return {
    get currentId() {
      return currentId;
    },
    get currentSeed() {
      return currentSeed;
    },
    /** Starts showing job `id` (called as soon as the service accepted it). */
    start(id) {
      currentId = id;
      currentSeed = null;
      releaseUrls();
      el.audio.pause();
      el.audio.removeAttribute('src');
      waveform.clear();
      el.empty.hidden = true;
      el.job.hidden = false;
      el.id.textContent = id;
      el.error.hidden = true;
      el.player.hidden = true;
      el.spoken.hidden = true;
      this.update({ status: 'QUEUED', progress: null });
    },
    /**
     * Shows a status object (from events, polling or the history).
     * @param {object} status
     * @param {'events' | 'polling'} [via] how it arrived (kept on the element for diagnosis)
     */
    update(status, via) {
      el.status.textContent = statusLabel(status.status);
      el.status.dataset.status = status.status;
      if (via) el.status.dataset.via = via;
      const running = status.status === 'QUEUED' || status.status === 'PROCESSING';
      el.running.hidden = !running;
      if (running) showProgress(status);
      if (status.params && status.params.seed !== undefined) currentSeed = status.params.seed;
      if (status.status === 'FAILED' || status.status === 'CANCELLED') {
        el.error.textContent = status.error
          ? `${status.error.message} (${status.error.code})`
          : ENDED_WITHOUT_AUDIO[status.status];
        el.error.hidden = false;
      }
    },
    showError(message) {
      el.running.hidden = true;
      el.error.textContent = message;
      el.error.hidden = false;
    },
    /** Fetches and shows the audio of a finished job. */
    async showAudio(status) {
      const { format, content_type: contentType } = status.audio ?? {
        format: status.params?.format,
      };
      const original = await api.audio(status.chatterbox_id, { extension: format });
      // Raw PCM (and anything else this browser cannot play) is played as WAV; the download stays as asked.
      const playable = contentType && el.audio.canPlayType(contentType) !== '';
      const playback = playable
        ? original
        : await api.audio(status.chatterbox_id, { convertTo: 'wav' });
      if (currentId !== status.chatterbox_id) return;
      el.audio.src = objectUrl(playback.blob);
      el.download.href = objectUrl(original.blob);
      el.download.download = original.fileName;
      el.download.textContent = `Download ${format ? format.toUpperCase() : 'audio'}`;
      el.meta.textContent = [
        status.audio ? formatDuration(status.audio.duration_seconds) : null,
        status.audio ? `${status.audio.sample_rate} Hz` : null,
        formatBytes(original.blob.size),
        status.params ? `seed ${status.params.seed}` : null,
      ]
        .filter(Boolean)
        .join(' · ');
      el.player.hidden = false;
      showSpoken(status);
      await Promise.all([waveform.show(playback.blob), linkCaptions(status.chatterbox_id)]);
    },
    onCancel(handler) {
      el.cancel.addEventListener('click', () => currentId && handler(currentId));
    },
    onReuseSeed(handler) {
      el.reuseSeed.addEventListener('click', () => currentSeed !== null && handler(currentSeed));
    },
  };
}

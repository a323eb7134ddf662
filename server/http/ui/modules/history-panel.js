// Job history from GET /tts/jobs: every job on the service (also those other clients made),
// newest first, with replay, download and delete. It lives on the service, so it survives
// a reload and follows the user to another browser.

import { byId, confirmingButton, h } from './dom.js';
import { formatDuration, formatTime, statusLabel } from './format.js';
import { forgetJobText, jobText } from './local-store.js';

/** Jobs per page of the history. */
const PAGE_SIZE = 20;
/** How often the list refreshes while it shows queued or running jobs. */
const FOLLOW_RUNNING_MS = 2000;
const RUNNING = new Set(['QUEUED', 'PROCESSING']);

/** What a history entry shows that can change; entries with the same signature are kept. */
function signature(job) {
  return JSON.stringify([job.status, job.progress, job.audio?.duration_seconds ?? null]);
}

/** Clicks a temporary link so the browser saves `blob` as `fileName`. */
export function saveBlob(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled; revoking at once can cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function describe(job) {
  const own = jobText(job.chatterbox_id);
  return own ?? `${job.text_chars} characters (from another client)`;
}

function details(job, voiceName) {
  return [
    formatTime(job.created_at),
    job.language,
    `voice ${voiceName(job.voice)}`,
    job.audio ? formatDuration(job.audio.duration_seconds) : null,
    (job.audio?.format ?? job.params?.format ?? '').toUpperCase() || null,
    job.progress && job.status === 'PROCESSING'
      ? `${job.progress.chunks_done}/${job.progress.chunks_total} chunks`
      : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * @param {import('./api-client.js').ApiClient} api
 * @param {{ onReplay: (job: object) => void, onDeleted: (id: string) => void,
 *   onError: (error: Error) => void, voiceName: (id: string) => string }} hooks
 */
export function createHistoryPanel(api, hooks) {
  const el = {
    list: byId('history-list'),
    empty: byId('history-empty'),
    error: byId('history-error'),
    more: byId('history-more'),
    refresh: byId('history-refresh'),
  };
  let cursor = null;
  /** Counts loads, so only the newest answer is shown. */
  let loads = 0;
  /** Whether the last load added an older page (then the list is not refreshed automatically). */
  let appended = false;
  let followTimer = 0;

  async function download(job, button) {
    button.disabled = true;
    try {
      const { blob, fileName } = await api.audio(job.chatterbox_id, {
        extension: job.audio?.format,
      });
      saveBlob(blob, fileName);
    } catch (error) {
      hooks.onError(error);
    } finally {
      button.disabled = false;
    }
  }

  async function remove(job, item) {
    try {
      await api.deleteJob(job.chatterbox_id);
    } catch (error) {
      // 410: it is already gone, which is what the user wanted.
      if (error.status !== 410) return hooks.onError(error);
    }
    forgetJobText(job.chatterbox_id);
    item.remove();
    el.empty.hidden = el.list.children.length > 0;
    hooks.onDeleted(job.chatterbox_id);
  }

  function item(job) {
    const complete = job.status === 'COMPLETE';
    const removeButton = h(
      'button',
      { type: 'button', className: 'danger', 'aria-label': `Delete job ${job.chatterbox_id}` },
      'Delete',
    );
    const downloadButton = h(
      'button',
      { type: 'button', 'aria-label': `Download job ${job.chatterbox_id}` },
      'Download',
    );
    const entry = h(
      'li',
      {
        className: 'history-item',
        dataset: { id: job.chatterbox_id, status: job.status, signature: signature(job) },
      },
      h(
        'div',
        { className: 'history-text' },
        h('span', { className: 'pill', dataset: { status: job.status } }, statusLabel(job.status)),
        h('span', { className: 'snippet' }, describe(job)),
      ),
      h(
        'p',
        { className: 'hint' },
        details(job, hooks.voiceName),
        ' · ',
        h('code', {}, job.chatterbox_id),
      ),
      h(
        'div',
        { className: 'actions' },
        complete &&
          h(
            'button',
            {
              type: 'button',
              'aria-label': `Play job ${job.chatterbox_id}`,
              onClick: () => hooks.onReplay(job),
            },
            'Play',
          ),
        complete && downloadButton,
        removeButton,
      ),
    );
    downloadButton.addEventListener('click', () => void download(job, downloadButton));
    confirmingButton(removeButton, () => remove(job, entry));
    return entry;
  }

  /**
   * Shows `jobs` in order, keeping the elements of jobs that did not change, so a refresh
   * does not disarm a delete button or move focus.
   */
  function render(jobs) {
    const existing = new Map([...el.list.children].map((entry) => [entry.dataset.id, entry]));
    const wanted = jobs.map((job) => {
      const old = existing.get(job.chatterbox_id);
      return old && old.dataset.signature === signature(job) ? old : item(job);
    });
    for (const entry of existing.values()) if (!wanted.includes(entry)) entry.remove();
    wanted.forEach((entry, index) => {
      if (el.list.children[index] !== entry)
        el.list.insertBefore(entry, el.list.children[index] ?? null);
    });
  }

  async function load(append) {
    clearTimeout(followTimer);
    const generation = ++loads;
    el.error.hidden = true;
    try {
      const page = await api.jobs({ limit: PAGE_SIZE, cursor: append ? cursor : null });
      // A slower, older answer must not overwrite a newer one.
      if (generation !== loads) return;
      if (append) el.list.append(...page.jobs.map(item));
      else render(page.jobs);
      appended = append;
      cursor = page.next_cursor ?? null;
      el.more.hidden = cursor === null;
      el.empty.hidden = el.list.children.length > 0;
      // Keep running jobs (also other clients') current; older pages stay as loaded.
      if (!appended && page.jobs.some((job) => RUNNING.has(job.status))) {
        followTimer = setTimeout(() => void load(false), FOLLOW_RUNNING_MS);
      }
    } catch (error) {
      if (generation !== loads) return;
      if (error.status === 401) hooks.onError(error);
      el.error.textContent = `Could not load the history: ${error.message}`;
      el.error.hidden = false;
    }
  }

  el.refresh.addEventListener('click', () => void load(false));
  el.more.addEventListener('click', () => void load(true));
  // Pick up jobs other clients made while this tab was in the background.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void load(false);
  });

  return { refresh: () => load(false) };
}

// Follows one job until it ends: server-sent events read with fetch() (so the request can
// carry the Authorization header, which EventSource cannot), and polling of the status
// endpoint when the stream is unavailable or drops before the job has finished.

// @ts-expect-error served from node_modules/eventsource-parser/dist by ui.routes.ts (no copy in git)
import { EventSourceParserStream } from '../vendor/eventsource-parser/stream.js';

const TERMINAL = new Set(['COMPLETE', 'FAILED', 'CANCELLED']);
/** Delay between status polls. */
const POLL_INTERVAL_MS = 1000;
/** Consecutive failed polls tolerated (a restarting service) before giving up. */
const MAX_POLL_FAILURES = 5;

export function isTerminal(status) {
  return TERMINAL.has(status);
}

function sleep(ms, signal) {
  return /** @type {Promise<void>} */ (
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    })
  );
}

/** Reads `status`/`progress`/`done` events; resolves with the last status seen. */
async function followEvents(api, id, onUpdate, signal) {
  const response = await api.events(id, signal);
  if (!response.body) return null;
  // A reader loop rather than `for await`, which Safari's streams do not offer.
  const reader = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  let last = null;
  try {
    for (;;) {
      const { value: event, done } = await reader.read();
      if (done) return last;
      if (!['status', 'progress', 'done'].includes(event.event ?? 'message')) continue;
      last = JSON.parse(event.data);
      onUpdate(last, 'events');
      if (event.event === 'done' || isTerminal(last.status)) return last;
    }
  } finally {
    // Closes the connection when the job ended (the service may keep the stream open).
    void reader.cancel().catch(() => undefined);
  }
}

async function poll(api, id, onUpdate, signal) {
  let failures = 0;
  while (!signal.aborted) {
    try {
      const status = await api.status(id);
      failures = 0;
      onUpdate(status, 'polling');
      if (isTerminal(status.status)) return status;
    } catch (error) {
      // 4xx answers (deleted, unknown job) will not change by asking again.
      if (error.status >= 400 && error.status < 500) throw error;
      failures += 1;
      if (failures > MAX_POLL_FAILURES) throw error;
    }
    await sleep(POLL_INTERVAL_MS, signal);
  }
  return null;
}

/**
 * Watches job `id` until it ends or `signal` aborts.
 * @param {import('./api-client.js').ApiClient} api
 * @param {string} id
 * @param {(status: object, via: 'events' | 'polling') => void} onUpdate every status seen
 * @param {AbortSignal} signal
 * @returns {Promise<object | null>} the final status, or null when aborted
 */
export async function watchJob(api, id, onUpdate, signal) {
  try {
    const last = await followEvents(api, id, onUpdate, signal);
    if (last && isTerminal(last.status)) return last;
  } catch {
    // No stream (old proxy, dropped connection, 4xx for a deleted job): polling either
    // carries on or reports the service's error properly.
  }
  if (signal.aborted) return null;
  return poll(api, id, onUpdate, signal);
}

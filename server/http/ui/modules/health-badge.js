// The service state in the header: ready, starting (model still loading) or degraded.

import { byId } from './dom.js';

/** How often to ask again while the service is not ready yet. */
const RETRY_MS = 3000;

function describe(health) {
  const model = health.model?.name ? ` · model ${health.model.name}` : '';
  const queue = typeof health.queue?.depth === 'number' ? ` · queue ${health.queue.depth}` : '';
  if (health.status === 'ok' && health.ready) return { state: 'ok', text: `Ready${model}${queue}` };
  if (health.status === 'degraded') {
    const reason = health.model?.error ? `: ${health.model.error}` : '';
    return { state: 'bad', text: `Degraded${reason}` };
  }
  return { state: 'wait', text: `Starting, the model is loading…${model}` };
}

/** @param {import('./api-client.js').ApiClient} api */
export function startHealthBadge(api) {
  const badge = byId('health');
  let timer = 0;

  async function check() {
    clearTimeout(timer);
    let view;
    try {
      view = describe(await api.health());
    } catch (error) {
      view = {
        state: 'bad',
        text: error.status ? `Service answers ${error.status}` : 'Service unreachable',
      };
    }
    badge.textContent = view.text;
    badge.dataset.state = view.state;
    if (view.state !== 'ok') timer = setTimeout(check, RETRY_MS);
  }

  void check();
  return { check };
}

// The generation sliders. Bounds and defaults come from the service schema; this file only
// knows how to present each parameter (label, step, one-line explanation).

import { h } from './dom.js';

/** Presentation of each slider, in display order. */
const SLIDERS = [
  {
    name: 'exaggeration',
    label: 'Exaggeration',
    step: 0.05,
    help: 'Emotional intensity: low is flat and calm, high is expressive (and faster).',
  },
  {
    name: 'cfg_weight',
    label: 'CFG weight',
    step: 0.05,
    help: 'How closely delivery follows the voice and text; lower gives slower, more deliberate speech.',
  },
  {
    name: 'temperature',
    label: 'Temperature',
    step: 0.05,
    help: 'Randomness of the sampling: low is steady and predictable, high is varied and riskier.',
  },
  {
    name: 'repetition_penalty',
    label: 'Repetition penalty',
    step: 0.05,
    help: 'Discourages repeated sounds and stutters; too high can skip words.',
  },
  {
    name: 'min_p',
    label: 'Min p',
    step: 0.01,
    help: 'Drops unlikely tokens below this share of the best one; 0 turns it off.',
  },
  {
    name: 'top_p',
    label: 'Top p',
    step: 0.01,
    help: 'Samples only from the most likely tokens that add up to this probability; 1 turns it off.',
  },
];

export const PARAM_NAMES = SLIDERS.map((slider) => slider.name);

function decimals(step) {
  return String(step).split('.')[1]?.length ?? 0;
}

function sliderRow(slider, rules) {
  const id = `param-${slider.name}`;
  const output = h('output', { id: `${id}-value`, for: id, className: 'param-value' });
  const input = h('input', {
    id,
    name: slider.name,
    type: 'range',
    step: String(slider.step),
    min: String(rules.minimum),
    max: String(rules.maximum),
    'aria-describedby': `${id}-help`,
  });
  const show = () => {
    output.value = Number(input.value).toFixed(decimals(slider.step));
  };
  input.addEventListener('input', show);
  const defaultText = `default ${rules.default}, ${rules.minimum}–${rules.maximum}`;
  const row = h(
    'div',
    { className: 'field param' },
    h('div', { className: 'label-row' }, h('label', { for: id }, slider.label), output),
    input,
    h('p', { id: `${id}-help`, className: 'hint' }, `${slider.help} (${defaultText})`),
    h('p', {
      className: 'field-error',
      dataset: { errorFor: slider.name },
      role: 'alert',
      hidden: true,
    }),
  );
  return { row, input, show, rules, step: slider.step };
}

/**
 * Builds the sliders into `container`.
 * @param {HTMLElement} container
 * @param {import('./service-schema.js').ServiceSchema} schema
 */
export function createParamControls(container, schema) {
  const controls = SLIDERS.map((slider) => sliderRow(slider, schema.field(slider.name)));
  container.replaceChildren(...controls.map((control) => control.row));

  return {
    /** @returns {Record<string, number>} */
    values() {
      // Range inputs can report float noise (0.15000000000000002); send what the user saw.
      return Object.fromEntries(
        controls
          .map((c) => [c.input.name, Number(c.input.value).toFixed(decimals(c.step))])
          .map(([name, text]) => [name, Number(text)]),
      );
    },
    /** @param {Record<string, unknown> | null | undefined} values missing names get the default */
    set(values) {
      for (const control of controls) {
        const value = values?.[control.input.name];
        control.input.value = String(typeof value === 'number' ? value : control.rules.default);
        control.show();
      }
    },
    reset() {
      this.set(null);
    },
  };
}

// Small DOM helpers; the page has no framework.

/**
 * Creates an element. `props` keys: `className`, `dataset` (object), `hidden`, `on<Event>`
 * (listener), `for`; any other key is set as an attribute. Children are nodes or strings.
 * @param {string} tag
 * @param {Record<string, unknown>} [props]
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {any} the element (typed loosely: callers know which element they made)
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'className') element.className = String(value);
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key === 'hidden') element.hidden = Boolean(value);
    else if (key.startsWith('on') && typeof value === 'function')
      element.addEventListener(key.slice(2).toLowerCase(), /** @type {EventListener} */ (value));
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/**
 * `document.getElementById` that fails loudly when the page and the script disagree.
 * @param {string} id
 * @returns {any} the element (typed loosely: callers know which element index.html has)
 */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from index.html`);
  return element;
}

/**
 * A delete button that asks for a second click instead of a modal dialog: the first click
 * arms it ("Click again to delete"), a second click within a few seconds confirms.
 * @param {HTMLButtonElement} button
 * @param {() => Promise<void> | void} action
 */
export function confirmingButton(button, action) {
  const ARM_MS = 4000;
  const label = button.textContent;
  let timer = 0;
  const disarm = () => {
    clearTimeout(timer);
    timer = 0;
    button.textContent = label;
    button.classList.remove('armed');
  };
  button.addEventListener('click', async () => {
    if (!timer) {
      button.textContent = 'Click again to confirm';
      button.classList.add('armed');
      timer = setTimeout(disarm, ARM_MS);
      return;
    }
    disarm();
    // The action decides the button's state afterwards (e.g. the builtin voice cannot be deleted).
    await action();
  });
}

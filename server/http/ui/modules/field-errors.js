// Shows service errors next to the field they concern (`error.field`), or at the top of the
// form when the error names no field this form has.

/** Field names the service may use in `error.field` that map to a differently named control. */
const FIELD_ALIASES = { params: 'exaggeration', 'params.seed': 'seed' };

function errorSlot(form, field) {
  return form.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
}

function controlFor(form, field) {
  return form.querySelector(`[name="${CSS.escape(field)}"]`);
}

/** Removes every message this form shows. */
export function clearErrors(form) {
  for (const slot of form.querySelectorAll('[data-error-for], .form-error')) {
    slot.hidden = true;
    slot.textContent = '';
  }
  for (const control of form.querySelectorAll('[aria-invalid="true"]')) {
    control.removeAttribute('aria-invalid');
    const describedBy = (control.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => !id.startsWith('error-'));
    if (describedBy.length > 0) control.setAttribute('aria-describedby', describedBy.join(' '));
    else control.removeAttribute('aria-describedby');
  }
}

/**
 * Shows `error` in `form`. Returns the control that was marked, if any, so the caller can
 * reveal a collapsed section that holds it.
 * @param {HTMLElement} form
 * @param {{ message: string, field?: string, code?: string }} error
 * @returns {HTMLElement | null}
 */
export function showError(form, error) {
  const raw = error.field ?? '';
  const field = FIELD_ALIASES[raw] ?? raw.replace(/^params\./, '');
  const slot = field ? errorSlot(form, field) : null;
  if (!slot) {
    const banner = /** @type {HTMLElement | null} */ (form.querySelector('.form-error'));
    if (banner) {
      banner.textContent = field ? `${field}: ${error.message}` : error.message;
      banner.hidden = false;
    }
    return null;
  }
  slot.textContent = error.message;
  slot.hidden = false;
  const control = controlFor(form, field);
  if (control) {
    slot.id ||= `error-${field}`;
    control.setAttribute('aria-invalid', 'true');
    const describedBy = control.getAttribute('aria-describedby');
    control.setAttribute('aria-describedby', describedBy ? `${describedBy} ${slot.id}` : slot.id);
    const details = control.closest('details');
    if (details) details.open = true;
    control.focus({ preventScroll: false });
  }
  return control;
}

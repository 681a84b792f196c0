// The forms of today's shift on /dashboard: the parcel count (inventory), the completion and the
// edit within the hour. Each takes `hooks`: `done(text)` after its step succeeded, `cancel()` to close.
import { api, confirmDialog, el, toast } from './common.js';

const message = (res, fallback) => (res.data && res.data.message) || fallback;
const parcels = (n) => `${n} parcels`;

/** A labelled number (or text) input inside `.field`; `hidden` hides the whole field. */
function field(id, label, attrs = {}, hidden = false) {
  const input = el(attrs.textarea ? 'textarea' : 'input', { id, name: id, ...attrs, textarea: undefined });
  const wrap = el('div', { class: 'field', hidden }, el('label', { class: 'field-label', for: id }, label), input);
  return { wrap, input };
}

const intValue = (input) => (input.value.trim() === '' ? NaN : Number(input.value));
const isCount = (n, min) => Number.isInteger(n) && n >= min && n <= 999;

export function inventoryForm(s, hooks) {
  const { wrap, input } = field('parcels-start', 'Number of parcels', { type: 'number', min: 1, max: 999, step: 1, inputmode: 'numeric', placeholder: 'Enter parcel count' });
  const error = el('p', { class: 'error-text form-error', role: 'alert', hidden: true });
  const submit = el('button', { type: 'submit', class: 'button primary' }, 'Submit');
  const form = el('form', { class: 'form shift-form', novalidate: true, 'aria-label': 'Record inventory' }, wrap, error, el('div', { class: 'form-actions' }, submit));
  input.addEventListener('input', () => (error.hidden = true));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const n = intValue(input);
    if (!(n >= 1)) {
      error.textContent = 'Parcel count is required.';
      error.hidden = false;
      return;
    }
    error.hidden = true;
    submit.disabled = true;
    const res = await api('/api/shifts/start', { json: { assignmentId: s.id, parcelsStart: n } });
    if (!res.ok) {
      submit.disabled = false;
      toast('Unable to record inventory.', 'error');
      return;
    }
    await hooks.done('Inventory recorded.');
  });
  return form;
}

/** Summary lines of a shift's counts: `Started with: N parcels`, `Returning|Returned: …`, `Excepted: …`, `Delivered: …`. */
export function summaryLines(start, returned, excepted, returnedLabel) {
  const lines = el('div', { class: 'shift-summary' });
  const render = (r, x) =>
    lines.replaceChildren(
      ...[
        el('p', {}, `Started with: ${parcels(start)}`),
        el('p', {}, `${returnedLabel}: ${parcels(r)}`),
        x > 0 ? el('p', {}, `Excepted: ${parcels(x)}`) : null,
        el('p', {}, `Delivered: ${parcels(start - r)}`),
      ].filter(Boolean),
    );
  render(returned, excepted);
  return { lines, render };
}

/**
 * The returns fields (#parcels-returned, #excepted-returns, #exception-notes or their #edit-… twins):
 * excepted shows when returns > 0, notes when excepted > 0. `onChange` gets the current values.
 */
function returnsFields(prefix, start, initial, onChange) {
  const returned = field(`${prefix}parcels-returned`, 'How many returns?', { type: 'number', min: 0, max: start, step: 1, inputmode: 'numeric', placeholder: 'Enter returned count', value: initial.returned });
  const excepted = field(`${prefix}excepted-returns`, 'How many are exception returns?', { type: 'number', min: 0, max: start, step: 1, inputmode: 'numeric', value: initial.excepted }, !(initial.returned > 0));
  const notes = field(`${prefix}exception-notes`, 'Exception reason', { textarea: true, maxlength: 500, rows: 3 }, !(initial.excepted > 0));
  notes.input.value = initial.notes || '';
  const values = () => {
    const r = intValue(returned.input);
    const x = excepted.wrap.hidden ? 0 : intValue(excepted.input);
    return { returned: r, excepted: x, notes: notes.wrap.hidden ? '' : notes.input.value.trim() };
  };
  const sync = () => {
    const r = intValue(returned.input);
    excepted.wrap.hidden = !(r > 0);
    const x = excepted.wrap.hidden ? 0 : intValue(excepted.input);
    notes.wrap.hidden = !(x > 0);
    onChange(values());
  };
  for (const f of [returned, excepted, notes]) f.input.addEventListener('input', sync);
  return { nodes: [returned.wrap, excepted.wrap, notes.wrap], values, returnedInput: returned.input };
}

/** The client checks before a completion or an edit; the first failing one's text, or null. */
function returnsProblem(start, v) {
  if (!isCount(v.returned, 0)) return 'Enter how many parcels you are returning.';
  if (v.returned > start) return 'Returns cannot exceed starting parcels.';
  if (!isCount(v.excepted || 0, 0)) return 'Enter how many returns are exceptions.';
  if (v.excepted > v.returned) return 'Excepted returns cannot exceed total returns.';
  if (v.excepted > 0 && !v.notes) return 'Notes are required when filing return exceptions.';
  return null;
}

export function completingForm(s, hooks) {
  const start = s.shift.parcelsStart;
  const summary = summaryLines(start, 0, 0, 'Returning');
  const error = el('p', { class: 'error-text form-error', role: 'alert', hidden: true });
  const fields = returnsFields('', start, { returned: 0, excepted: 0, notes: '' }, (v) => {
    error.hidden = true;
    if (Number.isInteger(v.returned)) summary.render(v.returned, Number.isInteger(v.excepted) ? v.excepted : 0);
  });
  const finish = el('button', { type: 'submit', class: 'button primary' }, 'Finish Shift');
  const cancel = el('button', { type: 'button', class: 'button ghost', onclick: hooks.cancel }, 'Cancel');
  const form = el('form', { class: 'form shift-form', novalidate: true, 'aria-label': 'Complete shift' }, fields.nodes, summary.lines, error, el('div', { class: 'form-actions' }, cancel, finish));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = fields.values();
    const problem = returnsProblem(start, v);
    error.textContent = problem || '';
    error.hidden = !problem;
    if (problem) return;
    const delivered = start - v.returned;
    const ok = await confirmDialog({
      title: 'Complete Shift',
      text: `Confirm shift completion with ${v.returned} returns and ${delivered} delivered parcels?`,
      cancelLabel: 'Cancel',
      confirmLabel: 'Finish Shift',
    });
    if (!ok) return;
    finish.disabled = true;
    cancel.disabled = true;
    const json = { assignmentId: s.id, parcelsReturned: v.returned, exceptedReturns: v.excepted };
    if (v.excepted > 0) json.exceptionNotes = v.notes;
    const res = await api('/api/shifts/complete', { json });
    if (!res.ok) {
      finish.disabled = false;
      cancel.disabled = false;
      toast('Unable to complete shift.', 'error');
      return;
    }
    await hooks.done('Shift completed.');
  });
  queueMicrotask(() => fields.returnedInput.focus());
  return form;
}

export function editForm(s, hooks) {
  const sh = s.shift;
  const start = field('edit-parcels-start', 'Number of parcels', { type: 'number', min: 1, max: 999, step: 1, inputmode: 'numeric', value: sh.parcelsStart });
  const error = el('p', { class: 'error-text form-error', role: 'alert', hidden: true });
  const fields = returnsFields('edit-', sh.parcelsStart, { returned: sh.parcelsReturned ?? 0, excepted: sh.exceptedReturns ?? 0, notes: sh.exceptionNotes }, () => {
    error.hidden = true;
  });
  start.input.addEventListener('input', () => (error.hidden = true));
  const save = el('button', { type: 'submit', class: 'button primary' }, 'Save');
  const cancel = el('button', { type: 'button', class: 'button ghost', onclick: hooks.cancel }, 'Cancel');
  const form = el('form', { class: 'form shift-form', novalidate: true, 'aria-label': 'Edit shift' }, start.wrap, fields.nodes, error, el('div', { class: 'form-actions' }, cancel, save));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const n = intValue(start.input);
    const v = fields.values();
    const problem = !isCount(n, 1) ? 'Parcel count is required.' : returnsProblem(n, v);
    error.textContent = problem || '';
    error.hidden = !problem;
    if (problem) return;
    const json = {};
    if (n !== sh.parcelsStart) json.parcelsStart = n;
    if (v.returned !== sh.parcelsReturned) json.parcelsReturned = v.returned;
    if (v.excepted !== (sh.exceptedReturns ?? 0)) json.exceptedReturns = v.excepted;
    if (v.excepted > 0 && v.notes !== (sh.exceptionNotes || '')) json.exceptionNotes = v.notes;
    if (!Object.keys(json).length) {
      hooks.cancel();
      return;
    }
    save.disabled = true;
    cancel.disabled = true;
    const res = await api(`/api/shifts/${s.id}/edit`, { method: 'PATCH', json });
    if (!res.ok) {
      save.disabled = false;
      cancel.disabled = false;
      toast(message(res, 'Unable to update shift.'), 'error');
      return;
    }
    await hooks.done('Shift updated.');
  });
  return form;
}


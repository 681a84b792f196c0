// Shared browser helpers for the Drive reference pages (plain ES module, no bundler).

/** fetch JSON; resolves to { ok, status, data } and never throws on HTTP errors. */
export async function api(path, options = {}) {
  const init = { credentials: 'same-origin', headers: { accept: 'application/json' }, ...options };
  if (options.json !== undefined) {
    init.method = init.method || 'POST';
    init.headers = { ...init.headers, 'content-type': 'application/json' };
    init.body = JSON.stringify(options.json);
    delete init.json;
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch {
    return { ok: false, status: 0, data: { message: 'Network error' } };
  }
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (res.status === 401 && !path.startsWith('/api/auth')) {
    location.href = `/sign-in?redirect=${encodeURIComponent(location.pathname + location.search)}`;
  }
  return { ok: res.ok, status: res.status, data };
}

/** Create an element: el('div', { class: 'x', 'aria-label': 'y' }, child, 'text', ...). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'onclick') node.addEventListener('click', v);
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** 'YYYY-MM-DD' → 'Fri, Nov 28' (no timezone shift). */
export function formatDate(ymd) {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** ISO instant → 'Nov 28, 9:05 AM' in the browser's zone. */
export function formatDateTime(isoText) {
  return new Date(isoText).toLocaleString('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/** 'YYYY-MM-DD' plus n calendar days. */
export function addDaysYmd(ymd, n) {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Browser-local calendar date as YYYY-MM-DD. */
export function localToday() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function relativeTime(isoText) {
  const diff = Date.now() - new Date(isoText).getTime();
  const mins = Math.floor(diff / 60000);
  if (mins < 1) return 'Just now';
  if (mins < 60) return `${mins}m ago`;
  const hours = Math.floor(mins / 60);
  if (hours < 24) return `${hours}h ago`;
  const days = Math.floor(hours / 24);
  return `${days}d ago`;
}

export function chip(text, kind = '') {
  return el('span', { class: `chip ${kind}`.trim() }, text);
}

export function toast(message, kind = 'success') {
  const region = document.getElementById('toast-region');
  if (!region) return;
  const node = el('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
  region.append(node);
  setTimeout(() => node.remove(), 5000);
}

/** Icon-only button exposing its tooltip text as aria-label. */
export function iconButton(label, glyph, onclick, extraClass = '') {
  return el(
    'button',
    { type: 'button', class: `icon-button ${extraClass}`.trim(), 'aria-label': label, title: label, onclick },
    el('span', { 'aria-hidden': 'true' }, glyph),
  );
}

/** Modal dialog with a title, text and two buttons. Resolves true when confirmed. */
export function confirmDialog({ title, text, cancelLabel = 'Cancel', confirmLabel, danger = false }) {
  return new Promise((resolve) => {
    const titleId = `dlg-${Math.random().toString(36).slice(2)}`;
    const close = (value) => {
      backdrop.remove();
      resolve(value);
    };
    const backdrop = el(
      'div',
      { class: 'modal-backdrop' },
      el(
        'div',
        { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
        el('h2', { id: titleId, class: 'modal-title' }, title),
        text ? el('p', { class: 'modal-text' }, text) : null,
        el(
          'div',
          { class: 'modal-actions' },
          el('button', { type: 'button', class: 'button', onclick: () => close(false) }, cancelLabel),
          el('button', { type: 'button', class: `button ${danger ? 'danger' : 'primary'}`, onclick: () => close(true) }, confirmLabel),
        ),
      ),
    );
    document.body.append(backdrop);
  });
}

const PENDING_READS = 'drive:pending-reads';

/** notification ids marked read whose write has not been answered yet */
export function pendingReads() {
  try {
    return JSON.parse(sessionStorage.getItem(PENDING_READS) || '[]');
  } catch {
    return [];
  }
}

export function rememberPendingRead(id) {
  sessionStorage.setItem(PENDING_READS, JSON.stringify([...new Set([...pendingReads(), id])]));
}

function forgetPendingRead(id) {
  sessionStorage.setItem(PENDING_READS, JSON.stringify(pendingReads().filter((x) => x !== id)));
}

/** Send a notification's mark-read; once it is answered, it is no longer pending. */
export async function sendRead(id, options = {}) {
  const res = await api(`/api/notifications/${id}/read`, { method: 'PATCH', ...options });
  if (res.ok) forgetPendingRead(id);
  return res;
}

export function setBell(unread) {
  const bell = document.getElementById('notifications-bell');
  if (!bell) return;
  bell.setAttribute('aria-label', unread > 0 ? `Notifications (${unread} Unread)` : 'Notifications');
  let badge = bell.querySelector('.badge');
  if (unread > 0) {
    if (!badge) {
      badge = el('span', { class: 'badge' });
      bell.append(badge);
    }
    badge.textContent = unread > 99 ? '99+' : String(unread);
  } else if (badge) {
    badge.remove();
  }
}

/** 'HH:MM' (24 h) → '9:00 AM', as the app shows route start times. */
export function formatTime(hhmm) {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm || '');
  if (!m) return hhmm || '';
  const h = Number(m[1]);
  return `${h % 12 === 0 ? 12 : h % 12}:${m[2]} ${h < 12 ? 'AM' : 'PM'}`;
}

/** A distance in words, as the app writes it: 'less than a minute', 'about 3 hours', '3 days'. */
export function distanceWords(ms) {
  const mins = Math.abs(ms) / 60000;
  if (mins < 0.5) return 'less than a minute';
  if (mins < 1.5) return '1 minute';
  if (mins < 44.5) return `${Math.round(mins)} minutes`;
  if (mins < 89.5) return 'about 1 hour';
  if (mins < 1439.5) return `about ${Math.round(mins / 60)} hours`;
  if (mins < 2519.5) return '1 day';
  if (mins < 43199.5) return `${Math.round(mins / 1440)} days`;
  const months = Math.round(mins / 43200);
  return months <= 1 ? 'about 1 month' : `${months} months`;
}

/** An empty state: its title and a line of help, inside `.empty-state`. */
export function emptyState(title, message) {
  return el('div', { class: 'empty-state' }, el('p', { class: 'empty-title' }, title), message ? el('p', { class: 'empty-message' }, message) : null);
}

/**
 * Tell the page's header that a driver action changed what its counts are made of (an accept, a
 * confirm, a cancel, a shift step, a notification read): it fetches its counts again.
 */
export function dataChanged(what) {
  document.dispatchEvent(new CustomEvent('drive:data-changed', { detail: { what } }));
}

/** A real table under these headers: `aria-busy` "true" with placeholder rows while loading, "false" with its rows. */
export function dataTable(headers, rows, busy = false) {
  return el(
    'table',
    { 'aria-busy': busy ? 'true' : 'false' },
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, busy ? Array.from({ length: 8 }, () => el('tr', { class: 'loading-row' }, headers.map(() => el('td', {})))) : rows),
  );
}

/**
 * A select as the real app builds one: a button (named by the chosen label, or the placeholder)
 * that opens a listbox of `li[role=option]`. `id` names the button, its list and its errors when given.
 */
export function listPicker({ id, placeholder, items, selected = null, onChange }) {
  let chosen = selected;
  const first = items.find((i) => i.value === selected);
  const label = first ? first.label : placeholder;
  const trigger = el('button', { type: 'button', id, class: 'select-trigger', 'aria-haspopup': 'listbox', 'aria-expanded': 'false', 'aria-label': label }, label);
  const list = el('ul', { role: 'listbox', id: id ? `${id}-listbox` : undefined, class: 'select-list', hidden: true });
  const close = () => ((list.hidden = true), trigger.setAttribute('aria-expanded', 'false'));
  const options = items.length
    ? items.map((item) =>
        el('li', { role: 'option', 'aria-selected': String(item.value === selected), 'data-value': String(item.value), onclick: () => {
          chosen = item.value;
          trigger.textContent = item.label;
          trigger.setAttribute('aria-label', item.label);
          for (const o of list.children) o.setAttribute('aria-selected', String(o.dataset.value === String(item.value)));
          close();
          if (onChange) onChange(item.value);
        } }, item.label))
    : [el('li', { role: 'option', 'aria-disabled': 'true' }, 'No results found')];
  list.append(...options);
  trigger.addEventListener('click', () => {
    list.hidden = !list.hidden;
    trigger.setAttribute('aria-expanded', String(!list.hidden));
  });
  const errors = el('div', { class: 'inline-errors', id: id ? `${id}-errors` : undefined, role: 'alert' });
  return { node: el('div', { class: 'select' }, trigger, list, errors), value: () => chosen, error: (m) => errors.replaceChildren(m ? el('span', { class: 'inline-error' }, m) : '') };
}

/** A modal dialog (a drawer with `drawer`) titled `title` holding `children`; returns how to close it. */
export function openModal(title, children, { drawer = false } = {}) {
  const titleId = `modal-${Math.random().toString(36).slice(2)}`;
  const backdrop = el(
    'div',
    { class: 'modal-backdrop' },
    el('div', { class: `modal${drawer ? ' drawer' : ''}`, role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId }, el('h2', { id: titleId, class: 'modal-title' }, title), children),
  );
  document.body.append(backdrop);
  return { close: () => backdrop.remove() };
}

/** A text field of a form: its label, the input and the `p.field-error` under it. */
export function textField(id, label, attrs = {}) {
  const input = el('input', { type: 'text', id, class: 'text-input', required: true, 'aria-describedby': `${id}-error`, ...attrs });
  const error = el('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const setError = (m) => {
    error.textContent = m || '';
    error.hidden = !m;
    if (m) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  };
  return { nodes: [el('label', { for: id, class: 'field-label' }, label), input, error], input, setError };
}

/**
 * The `Filters` drawer: a labelled text input per field (`{ id, label, value, placeholder, cleared }`),
 * `Clear all` (each back to its `cleared` value, '' by default) and `Confirm`; `apply` gets the values by id.
 */
export function filterDrawer(fields, apply) {
  const inputs = fields.map((f) => el('input', { type: 'text', id: f.id, class: 'text-input', value: f.value, placeholder: f.placeholder }));
  const done = (values) => (drawer.close(), apply(values));
  const values = (clear) => Object.fromEntries(fields.map((f, i) => [f.id, clear ? (f.cleared ?? '') : inputs[i].value]));
  const drawer = openModal(
    'Filters',
    [
      el('div', { class: 'modal-form' }, fields.map((f, i) => [el('label', { for: f.id, class: 'field-label' }, f.label), inputs[i]])),
      el(
        'div',
        { class: 'modal-actions' },
        el('button', { type: 'button', class: 'button', onclick: () => done(values(true)) }, 'Clear all'),
        el('button', { type: 'button', class: 'button primary', onclick: () => done(values(false)) }, 'Confirm'),
      ),
    ],
    { drawer: true },
  );
  if (inputs[0]) inputs[0].focus();
}

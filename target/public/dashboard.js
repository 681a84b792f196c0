// /dashboard: today's shift and its steps, Coming Up, week summaries and pending bids (GET /api/dashboard).
import {
  addDaysYmd,
  api,
  chip,
  confirmDialog,
  dataChanged,
  distanceWords,
  el,
  emptyState,
  formatDate,
  formatDateTime,
  formatTime,
  iconButton,
  localToday,
  toast,
} from './common.js';
import { completingForm, editForm, inventoryForm, summaryLines } from './shift-forms.js';

const root = document.getElementById('dashboard-root');
const todayBox = document.getElementById('today-shift');
const needsConfirmation = document.getElementById('needs-confirmation');
const thisWeekBody = document.getElementById('this-week-body');
const nextWeekBody = document.getElementById('next-week-body');
const pendingBidsBody = document.getElementById('pending-bids-body');

/** Client-only state of today's shift: the completing form or the edit form is open. */
const ui = { completing: false, editing: false };
let data = null;
let loadSeq = 0;

const message = (res, fallback) => (res.data && res.data.message) || fallback;
const capitalize = (s) => (s ? s[0].toUpperCase() + s.slice(1) : '');
const clockTime = (isoText) => new Date(isoText).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' });

function whenLine(date, start) {
  return el(
    'div',
    { class: 'item-when' },
    el('span', { class: 'item-date assignment-date' }, formatDate(date)),
    el('span', { class: 'item-time assignment-time' }, formatTime(start)),
  );
}

function placeChips(routeName, warehouseName) {
  return el('div', { class: 'chips' }, el('span', { class: 'chip route-chip' }, routeName), el('span', { class: 'chip warehouse-chip' }, warehouseName));
}

// ── Today's Shift ────────────────────────────────────────────────────────────────────────────

function stepOf(s) {
  if (!s) return 'none';
  if (s.status === 'completed' || (s.shift && s.shift.completedAt)) return 'completed';
  if (s.isCompletable) return ui.completing ? 'completing' : 'delivering';
  if (s.isStartable) return 'inventory';
  if (s.isArrivable) return 'arrive';
  return 'none';
}

/** A shift step succeeded: fetch the dashboard again and tell the header. */
async function afterStep(text) {
  ui.completing = false;
  ui.editing = false;
  toast(text);
  await load();
  dataChanged('shift');
}

/** What a step form needs of the page: `done` after a step succeeded, `cancel` to close the form. */
const stepHooks = (open) => ({
  done: afterStep,
  cancel: () => {
    if (open) ui[open] = false;
    renderToday();
  },
});

async function arrive(s, button) {
  button.disabled = true;
  const res = await api('/api/shifts/arrive', { json: { assignmentId: s.id } });
  if (!res.ok) {
    button.disabled = false;
    toast(message(res, 'Unable to record arrival.'), 'error');
    return;
  }
  await afterStep('Arrival recorded.');
}

const editableMinutes = (sh) => (sh.editableUntil ? Math.floor((new Date(sh.editableUntil).getTime() - Date.now()) / 60000) : -1);
const isEditable = (sh) => !!sh.editableUntil && Date.now() < new Date(sh.editableUntil).getTime();

function completedBody(s) {
  const sh = s.shift || {};
  if (ui.editing && isEditable(sh)) return [editForm(s, stepHooks('editing'))];
  const summary = summaryLines(sh.parcelsStart ?? 0, sh.parcelsReturned ?? 0, sh.exceptedReturns ?? 0, 'Returned').lines;
  const note = isEditable(sh)
    ? el('p', { class: 'status-text muted edit-window' }, `Editable for ${Math.max(0, editableMinutes(sh))} more minutes`)
    : el('p', { class: 'status-text muted edit-window' }, 'Contact manager to edit');
  return [summary, note];
}

function todayActions(s, step) {
  const actions = [];
  if (step === 'delivering') {
    actions.push(iconButton('Complete Shift', '⚑', () => {
      ui.completing = true;
      renderToday();
    }, 'complete'));
  }
  if (step === 'completed' && s.shift && isEditable(s.shift) && !ui.editing) {
    actions.push(iconButton('Edit', '✎', () => {
      ui.editing = true;
      renderToday();
    }, 'edit'));
  }
  if (step === 'completed') actions.push(chip('Completed', 'status-completed'));
  else if (step === 'none') actions.push(chip(capitalize(s.status), `status-${s.status}`));
  return actions;
}

function todayBody(s, step) {
  if (step === 'arrive') {
    const button = el('button', { type: 'button', class: 'button primary wide' }, "I'm On Site");
    button.addEventListener('click', () => arrive(s, button));
    return [button];
  }
  if (step === 'inventory') return [el('p', { class: 'status-text' }, `Arrived at ${clockTime(s.shift.arrivedAt)}`), inventoryForm(s, stepHooks())];
  if (step === 'delivering') return [el('p', { class: 'status-text' }, `Delivering ${s.shift.parcelsStart} parcels`)];
  if (step === 'completing') return [el('p', { class: 'status-text' }, `Delivering ${s.shift.parcelsStart} parcels`), completingForm(s, stepHooks('completing'))];
  if (step === 'completed') return completedBody(s);
  return [];
}

let editTimer = null;

function renderToday() {
  const s = data && data.todayShift;
  if (!s) ui.completing = ui.editing = false;
  const step = stepOf(s);
  if (step !== 'delivering' && step !== 'completing') ui.completing = false;
  if (step !== 'completed') ui.editing = false;
  todayBox.setAttribute('data-step', step);
  clearInterval(editTimer);
  editTimer = null;
  if (!s) {
    todayBox.replaceChildren(emptyState('No shift today', 'Check your schedule for upcoming assignments.'));
    return;
  }
  const actions = todayActions(s, step);
  todayBox.replaceChildren(
    el(
      'div',
      { class: 'today-shift-card', 'data-assignment-id': s.id, 'data-assignment-status': s.status },
      el(
        'div',
        { class: 'today-shift-head' },
        el('div', { class: 'item-main' }, whenLine(s.date, s.routeStartTime), placeChips(s.routeName, s.warehouseName)),
        actions.length ? el('div', { class: 'item-actions' }, actions) : null,
      ),
      el('div', { class: 'today-shift-body' }, todayBody(s, step)),
    ),
  );
  // The edit window counts down each minute and turns into `Contact manager to edit` when it ends.
  if (step === 'completed' && s.shift && isEditable(s.shift)) {
    let shown = editableMinutes(s.shift);
    editTimer = setInterval(() => {
      if (ui.editing && isEditable(s.shift)) return;
      const m = editableMinutes(s.shift);
      if (m !== shown || !isEditable(s.shift)) {
        shown = m;
        renderToday();
      }
    }, 5000);
  }
}

// ── Coming Up ────────────────────────────────────────────────────────────────────────────────

/** Assignments after browser-local today and within a week, neither completed nor cancelled, by date. */
function comingUpList(d) {
  const today = localToday();
  const last = addDaysYmd(today, 7);
  const todayId = d.todayShift ? d.todayShift.id : null;
  return [...d.thisWeek.assignments, ...d.nextWeek.assignments]
    .filter((a) => a.id !== todayId && a.date > today && a.date <= last && a.status !== 'completed' && a.status !== 'cancelled')
    .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

function comingUpStatus(a) {
  if (a.confirmedAt) return el('span', { class: 'status-text ok' }, 'Confirmed');
  if (a.isConfirmable) return el('span', { class: 'status-text warn' }, `Confirm by ${formatDateTime(a.confirmationDeadline)}`);
  const days = Math.max(1, Math.ceil((new Date(a.confirmationOpensAt).getTime() - Date.now()) / 86400000));
  return el('span', { class: 'status-text muted' }, `Opens in ${days} days`);
}

async function confirmRow(a, row) {
  for (const b of row.querySelectorAll('button')) b.disabled = true;
  const res = await api(`/api/assignments/${a.id}/confirm`, { method: 'POST' });
  if (!res.ok) {
    for (const b of row.querySelectorAll('button')) b.disabled = false;
    toast(message(res, 'Unable to confirm shift.'), 'error');
    return;
  }
  // In place, no refetch: the row is confirmed and loses its buttons.
  a.confirmedAt = (res.data && res.data.confirmedAt) || new Date().toISOString();
  a.isConfirmable = false;
  row.replaceWith(comingUpRow(a));
  toast('Shift confirmed!');
  dataChanged('confirm');
}

async function cancelRow(a, row) {
  const ok = await confirmDialog({
    title: 'Cancel assignment',
    text: 'Cancel this shift? This action cannot be undone.',
    cancelLabel: 'Cancel',
    confirmLabel: 'Confirm cancellation',
    danger: true,
  });
  if (!ok) return;
  for (const b of row.querySelectorAll('button')) b.disabled = true;
  const res = await api(`/api/assignments/${a.id}/cancel`, { json: { reason: 'other' } });
  if (!res.ok) {
    for (const b of row.querySelectorAll('button')) b.disabled = false;
    toast('Unable to cancel assignment.', 'error');
    return;
  }
  await load();
  toast('Assignment cancelled.');
  dataChanged('cancel');
}

function comingUpRow(a) {
  const row = el(
    'div',
    { class: 'assignment-item', 'data-assignment-id': a.id },
    el('div', { class: 'item-main' }, whenLine(a.date, a.routeStartTime), el('div', { class: 'item-meta' }, comingUpStatus(a)), placeChips(a.routeName, a.warehouseName)),
  );
  // Buttons only on a row not yet confirmed whose window is open; both wait while either runs.
  if (!a.confirmedAt && a.isConfirmable) {
    row.append(
      el(
        'div',
        { class: 'item-actions' },
        iconButton('Confirm', '✓', () => confirmRow(a, row), 'confirm'),
        iconButton('Cancel', '✕', () => cancelRow(a, row), 'cancel'),
      ),
    );
  }
  return row;
}

function renderComingUp(d) {
  const list = comingUpList(d);
  if (!list.length) {
    needsConfirmation.replaceChildren();
    return;
  }
  needsConfirmation.replaceChildren(
    el(
      'section',
      { class: 'card dashboard-section', id: 'this-week-shifts', 'aria-labelledby': 'coming-up-heading' },
      el('h2', { id: 'coming-up-heading' }, `Coming Up (${list.length})`),
      el('div', { class: 'assignment-list' }, list.map(comingUpRow)),
    ),
  );
}

// ── Weeks and pending bids ───────────────────────────────────────────────────────────────────

function weekSummary(node, week) {
  const n = week.assignedDays;
  node.replaceChildren(el('p', { class: n ? '' : 'muted' }, n ? `${n} ${n === 1 ? 'day' : 'days'} scheduled` : 'No shifts scheduled'));
}

function bidRow(b) {
  return el(
    'div',
    { class: 'assignment-item', 'data-bid-id': b.id },
    el(
      'div',
      { class: 'item-main' },
      whenLine(b.assignmentDate, b.routeStartTime),
      el('div', { class: 'item-meta' }, el('span', { class: 'status-text muted header-muted' }, `Closes in ${distanceWords(new Date(b.windowClosesAt).getTime() - Date.now())}`)),
      placeChips(b.routeName, b.warehouseName),
    ),
  );
}

function renderPendingBids(d) {
  const bids = d.pendingBids.slice(0, 3);
  if (!bids.length) {
    pendingBidsBody.replaceChildren(emptyState('No pending bids', 'Visit Open Shifts to see available shifts.'));
    return;
  }
  pendingBidsBody.replaceChildren(
    el('div', { class: 'assignment-list' }, bids.map(bidRow)),
    el('div', { class: 'section-footer' }, el('button', { type: 'button', class: 'button ghost', onclick: () => (location.href = '/bids') }, 'View all bids')),
  );
}

// ── Load ─────────────────────────────────────────────────────────────────────────────────────

async function load() {
  const seq = ++loadSeq;
  root.setAttribute('data-loaded', 'false');
  const res = await api('/api/dashboard', { cache: 'no-store' });
  if (seq !== loadSeq) return; // a newer load is under way; it renders
  if (!res.ok) {
    todayBox.setAttribute('data-step', 'none');
    todayBox.replaceChildren(el('p', { class: 'error-text' }, message(res, 'Could not load your dashboard.')));
    root.setAttribute('data-loaded', 'true');
    return;
  }
  data = res.data;
  renderToday();
  renderComingUp(data);
  weekSummary(thisWeekBody, data.thisWeek);
  weekSummary(nextWeekBody, data.nextWeek);
  renderPendingBids(data);
  root.setAttribute('data-loaded', 'true');
}

load();

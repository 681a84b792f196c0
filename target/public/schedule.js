// /schedule: the driver's assignments for this week and next (GET /api/assignments/mine).
import { addDaysYmd, api, chip, confirmDialog, dataChanged, el, emptyState, formatDate, formatDateTime, formatTime, iconButton, localToday, toast } from './common.js';

const root = document.querySelector('[data-testid="schedule-list"]');

function confirmationText(a) {
  if (a.status !== 'scheduled') return null;
  if (a.confirmedAt) return el('span', { class: 'status-text ok' }, 'Confirmed');
  const nowMs = Date.now();
  const opens = new Date(a.confirmationOpensAt).getTime();
  if (nowMs < opens) {
    const days = Math.max(1, Math.ceil((opens - nowMs) / 86400000));
    return el('span', { class: 'status-text muted' }, `Opens in ${days} ${days === 1 ? 'day' : 'days'}`);
  }
  if (a.isConfirmable) return el('span', { class: 'status-text warn' }, `Confirm by ${formatDateTime(a.confirmationDeadline)}`);
  return el('span', { class: 'status-text muted' }, 'Unconfirmed');
}

async function confirmAssignment(a) {
  const res = await api(`/api/assignments/${a.id}/confirm`, { method: 'POST' });
  if (res.ok) (toast('Shift confirmed.'), dataChanged('confirm'));
  else toast((res.data && res.data.message) || 'Could not confirm shift.', 'error');
  await load();
}

async function cancelAssignment(a) {
  const ok = await confirmDialog({
    title: 'Cancel assignment',
    text: `Cancel ${a.routeName} on ${formatDate(a.date)}? The shift will be offered to other drivers.`,
    cancelLabel: 'Cancel',
    confirmLabel: 'Confirm cancellation',
    danger: true,
  });
  if (!ok) return;
  const res = await api(`/api/assignments/${a.id}/cancel`, { method: 'POST', json: { reason: 'other' } });
  if (res.ok) (toast('Assignment cancelled.'), dataChanged('cancel'));
  else toast((res.data && res.data.message) || 'Could not cancel assignment.', 'error');
  await load();
}

function row(a) {
  const overdue = !a.confirmedAt && !a.isConfirmable && Date.now() > new Date(a.confirmationDeadline).getTime();
  const actions = [];
  if (a.status === 'scheduled' && a.isConfirmable) actions.push(iconButton('Confirm', '✓', () => confirmAssignment(a), 'confirm'));
  if (a.isCancelable && !overdue && a.status !== 'unfilled') actions.push(iconButton('Cancel', '✕', () => cancelAssignment(a), 'cancel'));
  const statusChip =
    a.status === 'cancelled' ? chip('Cancelled', 'status-cancelled') : a.status === 'unfilled' ? chip('Unfilled', 'status-unfilled') : null;
  return el(
    'article',
    {
      class: 'assignment-item',
      'data-testid': 'assignment-row',
      'data-assignment-id': a.id,
      'data-assignment-status': a.status,
    },
    el(
      'div',
      { class: 'item-main' },
      el('div', { class: 'item-when' }, el('span', { class: 'item-date' }, formatDate(a.date)), el('span', { class: 'item-time' }, formatTime(a.routeStartTime))),
      el('div', { class: 'item-meta' }, confirmationText(a), statusChip),
      el('div', { class: 'chips' }, el('span', { class: 'chip route-chip' }, a.routeName), el('span', { class: 'chip warehouse-chip' }, a.warehouseName)),
    ),
    actions.length ? el('div', { class: 'item-actions' }, actions) : null,
  );
}

/** 'Week of Nov 30 - Dec 6' for the Monday `from`. */
function weekRange(from) {
  const short = (ymd) => formatDate(ymd).replace(/^\w+, /, '');
  return `Week of ${short(from)} - ${short(addDaysYmd(from, 6))}`;
}

function group(title, weekStart, items) {
  return el(
    'section',
    { class: 'schedule-group' },
    el('h3', { class: 'section-label' }, title),
    weekStart ? el('p', { class: 'muted week-range' }, weekRange(weekStart)) : null,
    items.length ? el('div', { class: 'assignment-list' }, items.map(row)) : emptyState('No assignments yet', 'Assignments will appear once scheduling runs.'),
  );
}

async function load() {
  root.setAttribute('data-loaded', 'false');
  const res = await api('/api/assignments/mine');
  root.replaceChildren();
  if (!res.ok) {
    root.append(el('p', { class: 'error-text' }, (res.data && res.data.message) || 'Could not load your schedule.'));
    root.setAttribute('data-loaded', 'true');
    return;
  }
  const { weekStart, nextWeekStart, assignments } = res.data;
  const today = localToday();
  const active = assignments.filter((a) => a.status === 'active');
  const rest = assignments.filter((a) => a.status !== 'active' && a.status !== 'completed');
  const thisWeek = rest.filter((a) => a.date >= weekStart && a.date < nextWeekStart && a.date >= today);
  const nextWeek = rest.filter((a) => a.date >= nextWeekStart);
  if (active.length) root.append(group('Active', null, active));
  root.append(group('This week', weekStart, thisWeek), group('Next week', nextWeekStart, nextWeek));
  root.setAttribute('data-loaded', 'true');
}

load();

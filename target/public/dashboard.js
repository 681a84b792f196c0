// /dashboard: today's shift, coming-up confirmations, week summaries and pending bids (GET /api/dashboard).
import { api, chip, el, formatDate, formatDateTime, iconButton, toast } from './common.js';

const todayBox = document.getElementById('today-shift');
const comingUp = document.getElementById('coming-up-body');
const comingUpHeading = document.getElementById('coming-up-heading');
const thisWeek = document.getElementById('this-week-body');
const nextWeek = document.getElementById('next-week-body');
const pendingBids = document.getElementById('pending-bids-body');

function shiftLine(date, start, routeName, warehouseName, extra) {
  return el(
    'div',
    { class: 'assignment-item' },
    el(
      'div',
      { class: 'item-main' },
      el('div', { class: 'item-when' }, el('span', { class: 'item-date' }, formatDate(date)), el('span', { class: 'item-time' }, start)),
      el('div', { class: 'chips' }, el('span', { class: 'chip route-chip' }, routeName), el('span', { class: 'chip warehouse-chip' }, warehouseName)),
      extra ? el('div', { class: 'item-meta' }, extra) : null,
    ),
  );
}

function weekSummary(node, week) {
  const n = week.assignedDays;
  node.replaceChildren(el('p', { class: n ? '' : 'muted' }, n ? `${n} ${n === 1 ? 'day' : 'days'} scheduled` : 'No shifts scheduled'));
}

async function confirmShift(id) {
  const res = await api(`/api/assignments/${id}/confirm`, { method: 'POST' });
  if (res.ok) toast('Shift confirmed.');
  else toast((res.data && res.data.message) || 'Could not confirm shift.', 'error');
  await load();
}

async function load() {
  const res = await api('/api/dashboard');
  if (!res.ok) {
    todayBox.textContent = (res.data && res.data.message) || 'Could not load your dashboard.';
    return;
  }
  const d = res.data;
  if (d.todayShift) {
    const s = d.todayShift;
    todayBox.classList.remove('muted');
    todayBox.replaceChildren(shiftLine(s.date, s.routeStartTime, s.routeName, s.warehouseName, chip(s.status[0].toUpperCase() + s.status.slice(1))));
  } else {
    todayBox.replaceChildren(el('p', { class: 'muted' }, 'No shift today'));
  }
  comingUpHeading.textContent = `Coming Up (${d.unconfirmedShifts.length})`;
  comingUp.replaceChildren(
    d.unconfirmedShifts.length
      ? el(
          'div',
          { class: 'assignment-list' },
          d.unconfirmedShifts.map((u) => {
            const status = u.confirmedAt
              ? el('span', { class: 'status-text ok' }, 'Confirmed')
              : u.isConfirmable
                ? el('span', { class: 'status-text warn' }, `Confirm by ${formatDateTime(u.confirmationDeadline)}`)
                : el('span', { class: 'status-text muted' }, `Opens in ${Math.max(1, Math.ceil((new Date(u.confirmationOpensAt) - Date.now()) / 86400000))} days`);
            const item = shiftLine(u.date, u.routeStartTime, u.routeName, u.warehouseName, status);
            if (u.isConfirmable) item.append(el('div', { class: 'item-actions' }, iconButton('Confirm', '✓', () => confirmShift(u.id), 'confirm')));
            return item;
          }),
        )
      : el('p', { class: 'muted' }, 'Nothing to confirm'),
  );
  weekSummary(thisWeek, d.thisWeek);
  weekSummary(nextWeek, d.nextWeek);
  const bids = d.pendingBids.slice(0, 3);
  pendingBids.replaceChildren(
    bids.length
      ? el('div', { class: 'assignment-list' }, bids.map((b) => shiftLine(b.assignmentDate, b.routeStartTime, b.routeName, b.warehouseName, chip('Pending', 'status-pending'))))
      : el('p', { class: 'muted' }, 'No pending bids'),
  );
}

load();

// /bids: open shifts of the driver's organization and the driver's own bids.
import { api, chip, dataChanged, distanceWords, el, emptyState, formatDate, formatTime, iconButton, toast } from './common.js';

const availableBody = document.getElementById('available-body');
const myBidsBody = document.getElementById('my-bids-body');

function whenLine(date, start) {
  return el('div', { class: 'item-when' }, el('span', { class: 'item-date' }, formatDate(date)), el('span', { class: 'item-time' }, formatTime(start)));
}

function renderAvailableEmpty() {
  availableBody.replaceChildren(emptyState('No shifts available', 'Check back later for newly posted shifts.'));
}

async function act(w, item, button) {
  button.disabled = true;
  const res = await api('/api/bids', { method: 'POST', json: { assignmentId: w.assignmentId } });
  if (!res.ok) {
    button.disabled = false;
    toast((res.data && res.data.message) || 'Something went wrong.', 'error');
    if (res.status === 400 || res.status === 404) await loadAvailable();
    return;
  }
  dataChanged('accept');
  if (res.data.status === 'won') {
    item.remove();
    if (!availableBody.querySelector('.assignment-item')) renderAvailableEmpty();
    const bonus = res.data.bonusPercent > 0 ? ` +${res.data.bonusPercent}% bonus` : '';
    toast(`Route assigned!${bonus}`);
    await loadMine();
  } else {
    toast('Bid submitted successfully.');
    await Promise.all([loadAvailable(), loadMine()]);
  }
}

function availableItem(w) {
  const instant = w.mode !== 'competitive';
  const label = instant ? 'Accept Shift' : 'Place Bid';
  const item = el('div', { class: 'assignment-item' });
  const button = iconButton(label, instant ? '✓' : '+', () => act(w, item, button), instant ? 'accept' : 'bid');
  const timing =
    w.mode === 'emergency'
      ? el('span', { class: 'status-text warn' }, 'First to accept gets it')
      : el('span', { class: 'status-text muted' }, `Closes in ${distanceWords(new Date(w.closesAt).getTime() - Date.now())}`);
  item.append(
    el(
      'div',
      { class: 'item-main' },
      whenLine(w.assignmentDate, w.routeStartTime),
      w.payBonusPercent > 0 ? el('span', { class: 'premium-badge' }, `${w.payBonusPercent}%`) : null,
      el('div', { class: 'item-meta' }, timing),
      el('div', { class: 'chips' }, el('span', { class: 'chip route-chip' }, w.routeName), el('span', { class: 'chip warehouse-chip' }, w.warehouseName)),
    ),
    el('div', { class: 'item-actions' }, button),
  );
  return item;
}

async function loadAvailable() {
  const res = await api('/api/bids/available');
  if (!res.ok) {
    availableBody.replaceChildren(el('p', { class: 'error-text' }, (res.data && res.data.message) || 'Could not load open shifts.'));
    return;
  }
  const windows = res.data.bidWindows;
  if (!windows.length) return renderAvailableEmpty();
  availableBody.replaceChildren(el('div', { class: 'assignment-list' }, windows.map(availableItem)));
}

const STATUS_LABEL = { pending: 'Pending', won: 'Won', lost: 'Lost' };

function bidItem(b) {
  return el(
    'div',
    { class: 'assignment-item' },
    el(
      'div',
      { class: 'item-main' },
      whenLine(b.assignmentDate, b.routeStartTime),
      el('div', { class: 'item-meta' }, el('span', { class: 'status-text muted' }, `Submitted ${distanceWords(Date.now() - new Date(b.bidAt).getTime())} ago`)),
      chip(STATUS_LABEL[b.status] || b.status, `status-${b.status}`),
      el('div', { class: 'chips' }, el('span', { class: 'chip route-chip' }, b.routeName), el('span', { class: 'chip warehouse-chip' }, b.warehouseName)),
    ),
  );
}

async function loadMine() {
  const res = await api('/api/bids/mine');
  if (!res.ok) {
    myBidsBody.replaceChildren(el('p', { class: 'error-text' }, (res.data && res.data.message) || 'Could not load your bids.'));
    return;
  }
  const bids = res.data.bids;
  if (!bids.length) return myBidsBody.replaceChildren(emptyState('No bids yet', 'Place a bid on an available shift to see it here.'));
  myBidsBody.replaceChildren(el('div', { class: 'bid-list' }, bids.map(bidItem)));
}

loadAvailable();
loadMine();

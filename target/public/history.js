// /history: past and completed shifts (GET /api/history), 20 at a time.
import { api, chip, el, formatDate } from './common.js';

const root = document.querySelector('[data-testid="history-list"]');
const moreHost = document.querySelector('.load-more-host');
const LIMIT = 20;
let offset = 0;

const LABEL = { completed: 'Completed', cancelled: 'Cancelled', scheduled: 'Scheduled', active: 'Active', unfilled: 'Unfilled' };

function item(h) {
  const s = h.shift;
  const stats =
    h.status === 'completed' && s
      ? el(
          'div',
          { class: 'stats' },
          el('span', {}, `${s.parcelsDelivered ?? 0} delivered`),
          el('span', {}, `${s.parcelsReturned ?? 0} returned`),
          el('span', {}, `${s.exceptedReturns ?? 0} excepted`),
        )
      : null;
  return el(
    'div',
    { class: 'history-item', 'data-history-id': h.id },
    el(
      'div',
      { class: 'item-main' },
      el('span', { class: 'item-date' }, formatDate(h.date)),
      el('div', { class: 'chips' }, el('span', { class: 'chip route-chip' }, h.routeName), el('span', { class: 'chip warehouse-chip' }, h.warehouseName)),
      stats,
    ),
    chip(LABEL[h.status] || h.status, `status-${h.status}`),
  );
}

async function load() {
  const res = await api(`/api/history?offset=${offset}&limit=${LIMIT}`);
  if (!res.ok) {
    root.replaceChildren(el('p', { class: 'error-text' }, (res.data && res.data.message) || 'Could not load history.'));
    root.setAttribute('data-loaded', 'true');
    return;
  }
  if (offset === 0) root.replaceChildren();
  const { history, pagination } = res.data;
  if (offset === 0 && !history.length) root.append(el('p', { class: 'empty-state' }, 'No past shifts'));
  root.append(...history.map(item));
  offset += history.length;
  moreHost.replaceChildren(
    pagination.hasMore ? el('button', { type: 'button', class: 'button', onclick: () => load() }, 'Load more') : '',
  );
  root.setAttribute('data-loaded', 'true');
}

load();

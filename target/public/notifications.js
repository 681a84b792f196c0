// /notifications: the signed-in user's notifications, grouped by day, with mark-read.
import { api, chip, el, formatDate, iconButton, relativeTime, rememberPendingRead, sendRead, setBell } from './common.js';

const root = document.querySelector('[data-testid="notifications-list"]');
const PAGE_SIZE = 20;
let items = [];
let page = 0;
let totalPages = 1;
let unread = 0;
let loading = false;

const TODAY_ONLY = new Set(['shift_reminder', 'stale_shift_reminder', 'confirmation_reminder', 'bid_open', 'emergency_route_available']);
const TARGET = {
  bid_won: '/dashboard', assignment_confirmed: '/dashboard', streak_advanced: '/dashboard', streak_reset: '/dashboard',
  bonus_eligible: '/dashboard', corrective_warning: '/dashboard', warning: '/dashboard',
  shift_reminder: '/dashboard', stale_shift_reminder: '/dashboard', confirmation_reminder: '/dashboard',
  bid_open: '/bids', emergency_route_available: '/bids', bid_lost: '/bids', shift_auto_dropped: '/bids',
  shift_cancelled: '/schedule', route_cancelled: '/schedule', schedule_locked: '/preferences',
};

function dayKey(d) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function groupOf(createdAt) {
  const d = new Date(createdAt);
  const today = new Date();
  const yesterday = new Date(today);
  yesterday.setDate(today.getDate() - 1);
  const weekAgo = new Date(today);
  weekAgo.setDate(today.getDate() - 7);
  if (dayKey(d) === dayKey(today)) return 'Today';
  if (dayKey(d) === dayKey(yesterday)) return 'Yesterday';
  if (d >= weekAgo) return 'This Week';
  return 'Earlier';
}

function targetOf(n) {
  const to = TARGET[n.type];
  if (!to) return null;
  if (TODAY_ONLY.has(n.type) && groupOf(n.createdAt) !== 'Today') return null;
  return to;
}

// Opening a row marks it read at once and moves on without waiting for the write, as the real app
// does; the mark stays pending in sessionStorage until it is answered, and the next page's header
// sends a pending mark again before it counts (shell.js), so a slow write never leaves a stale bell.
function markRead(n) {
  if (n.read) return;
  n.read = true;
  unread = Math.max(0, unread - 1);
  rememberPendingRead(n.id);
  // keepalive: the write outlives this page, which unloads at once
  void sendRead(n.id, { keepalive: true });
}

function row(n) {
  const to = targetOf(n);
  const data = n.data || {};
  const shiftDate = data.assignmentDate || data.date;
  const chips = [
    data.routeName ? el('span', { class: 'chip route-chip' }, data.routeName) : null,
    data.warehouseName ? el('span', { class: 'chip warehouse-chip' }, data.warehouseName) : null,
    shiftDate && /^\d{4}-\d{2}-\d{2}$/.test(shiftDate) ? chip(`${formatDate(shiftDate)}${data.routeStartTime ? ` · ${data.routeStartTime}` : ''}`) : null,
  ].filter(Boolean);
  const node = el(
    'article',
    {
      class: `notification ${n.read ? 'read' : 'unread'}`,
      'data-testid': 'notification-row',
      'data-notification-id': n.id,
      'data-notification-type': n.type,
      role: to ? 'button' : undefined,
      tabindex: to ? '0' : undefined,
    },
    el('div', { class: 'notification-title' }, n.title),
    el('div', { class: 'notification-body' }, n.body),
    chips.length ? el('div', { class: 'chips' }, chips) : null,
    el('div', { class: 'notification-time' }, relativeTime(n.createdAt)),
  );
  if (to) {
    const go = () => {
      markRead(n);
      location.href = to;
    };
    node.addEventListener('click', go);
    node.addEventListener('keydown', (e) => e.key === 'Enter' && go());
  }
  return node;
}

async function markAll() {
  const res = await api('/api/notifications/mark-all-read', { method: 'POST' });
  if (res.ok) {
    for (const n of items) n.read = true;
    unread = 0;
    render();
  }
}

function render() {
  setBell(unread);
  root.replaceChildren();
  if (!items.length) {
    root.append(el('p', { class: 'empty-state' }, "You're all caught up"));
    return;
  }
  root.append(
    el(
      'div',
      { class: 'unread-header' },
      el('h2', {}, `Unread (${unread})`),
      unread > 0 ? iconButton('Mark all as read', '✓✓', markAll) : null,
    ),
  );
  const groups = new Map();
  for (const n of items) {
    const g = groupOf(n.createdAt);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(n);
  }
  for (const label of ['Today', 'Yesterday', 'This Week', 'Earlier']) {
    const list = groups.get(label);
    if (!list) continue;
    root.append(el('section', { class: 'notification-group' }, el('h3', { class: 'group-label' }, label), list.map(row)));
  }
  if (page < totalPages) {
    const sentinel = el('div', { class: 'scroll-sentinel', 'aria-hidden': 'true' });
    root.append(sentinel);
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        io.disconnect();
        loadNext();
      }
    });
    io.observe(sentinel);
  }
}

async function loadNext() {
  if (loading) return;
  loading = true;
  const res = await api(`/api/notifications?page=${page + 1}&pageSize=${PAGE_SIZE}`);
  loading = false;
  if (!res.ok) {
    root.replaceChildren(el('p', { class: 'error-text' }, (res.data && res.data.message) || 'Could not load notifications.'));
    root.setAttribute('data-loaded', 'true');
    return;
  }
  page = res.data.pagination.page;
  totalPages = res.data.pagination.totalPages;
  unread = res.data.unreadCount;
  const seen = new Set(items.map((n) => n.id));
  items = items.concat(res.data.notifications.filter((n) => !seen.has(n.id)));
  render();
  root.setAttribute('data-loaded', 'true');
}

loadNext();

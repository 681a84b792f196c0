// Sidebar and header behaviour shared by every signed-in page.
import { api, pendingReads, sendRead, setBell } from './common.js';

// The bell and the header shortcuts are buttons that navigate.
for (const b of document.querySelectorAll('.page-header button[data-href]')) {
  b.addEventListener('click', () => (location.href = b.dataset.href));
}

const logout = document.querySelector('[data-action="sign-out"]');
if (logout) {
  logout.addEventListener('click', async () => {
    await api('/api/auth/sign-out', { method: 'POST', json: {} });
    location.href = '/sign-in';
  });
}

// Header counts (Needs Confirmation, Available Shifts, the bell) are fetched again whenever a page
// says a driver action changed what they count, and every 30 s.
const header = document.querySelector('.page-header');
const clientFaults = (document.body.dataset.clientFaults || '').split(' ').filter(Boolean);
let staleAfterAccept = false;

function setCount(title, n) {
  const b = header && header.querySelector(`button.header-count[title="${title}"]`);
  if (!b) return;
  b.setAttribute('aria-label', n > 0 ? `${title} (${n})` : title);
  let badge = b.querySelector('.badge');
  if (n > 0) {
    if (!badge) {
      badge = document.createElement('span');
      badge.className = 'badge';
      badge.setAttribute('aria-hidden', 'true');
      b.append(badge);
    }
    badge.textContent = n > 99 ? '99+' : String(n);
  } else if (badge) badge.remove();
}

async function refreshCounts(what) {
  // Fault header-count-stale-after-accept: after an accept the header stops counting until the next page.
  if (what === 'accept' && clientFaults.includes('header-count-stale-after-accept')) staleAfterAccept = true;
  if (!header || staleAfterAccept) return;
  const bell = api('/api/notifications?page=1&pageSize=1').then((r) => r.ok && setBell(r.data.unreadCount));
  if (header.querySelector('button.header-count[title="Needs Confirmation"]')) {
    const [dash, avail] = await Promise.all([api('/api/dashboard'), api('/api/bids/available')]);
    if (dash.ok) setCount('Needs Confirmation', dash.data.unconfirmedShifts.filter((u) => u.isConfirmable).length);
    if (avail.ok) setCount('Available Shifts', avail.data.bidWindows.length);
  }
  await bell;
}

document.addEventListener('drive:data-changed', (e) => refreshCounts(e.detail && e.detail.what));
// A mark-read the previous page sent and did not see answered (it moved on at once): send it again
// (marking read twice is harmless), then count. Fault bell-forgets-pending-read: no count after it,
// so the bell keeps the count this page was drawn with, from before the write.
const pending = pendingReads();
if (pending.length) {
  const resent = Promise.all(pending.map((id) => sendRead(id)));
  if (!clientFaults.includes('bell-forgets-pending-read')) void resent.then(() => refreshCounts('pending-reads'));
}
setInterval(() => refreshCounts('interval'), 30_000);

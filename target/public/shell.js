// Sidebar and header behaviour shared by every signed-in page.
import { api } from './common.js';

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

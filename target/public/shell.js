// Sidebar and header behaviour shared by every signed-in page.
import { api } from './common.js';

const bell = document.getElementById('notifications-bell');
if (bell) bell.addEventListener('click', () => (location.href = bell.dataset.href || '/notifications'));

const logout = document.querySelector('[data-action="sign-out"]');
if (logout) {
  logout.addEventListener('click', async () => {
    await api('/api/auth/sign-out', { method: 'POST', json: {} });
    location.href = '/sign-in';
  });
}

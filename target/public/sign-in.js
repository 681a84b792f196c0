// Sign-in form: POST /api/auth/sign-in/email, then go to ?redirect= (default /).
import { api } from './common.js';

const form = document.getElementById('sign-in-form');
const banner = document.querySelector('.notice-banner.warning');
const bannerText = banner.querySelector('.notice-content');
const password = document.getElementById('password');
const toggle = document.querySelector('.password-toggle');
const submit = form.querySelector('button[type="submit"]');

// Same-origin relative paths only.
function redirectTarget() {
  if (form.dataset.ignoreRedirect === 'true') return '/';
  const raw = new URLSearchParams(location.search).get('redirect');
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  return raw;
}

toggle.addEventListener('click', () => {
  const show = password.type === 'password';
  password.type = show ? 'text' : 'password';
  const label = show ? 'Hide password' : 'Show password';
  toggle.setAttribute('aria-label', label);
  toggle.setAttribute('title', label);
});

function showError(message) {
  if (form.dataset.hideErrorBanner === 'true') return;
  bannerText.textContent = message;
  banner.hidden = false;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  banner.hidden = true;
  const email = form.email.value.trim();
  if (!email || !password.value) {
    showError('Enter your email and password.');
    return;
  }
  submit.disabled = true;
  const target = redirectTarget();
  const res = await api('/api/auth/sign-in/email', {
    method: 'POST',
    json: { email, password: password.value, rememberMe: true, callbackURL: target },
  });
  if (res.ok) {
    location.href = target;
    return;
  }
  submit.disabled = false;
  showError((res.data && res.data.message) || 'Sign in failed. Please try again.');
});

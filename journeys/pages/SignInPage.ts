import { expect, type Page, type Locator, type Response } from '@playwright/test';
import { waitFor } from '../../witness/activity.js';

/** `/sign-in` (contract §3.2). */
export class SignInPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly banner: Locator;

  constructor(readonly page: Page) {
    this.email = page.locator('input[name="email"]');
    this.password = page.locator('input[name="password"]');
    this.submit = page.getByRole('button', { name: /continue/i });
    this.banner = page.locator('.notice-banner.warning .notice-content');
  }

  async open(redirect?: string): Promise<void> {
    await waitFor('the navigation to /sign-in to commit', () => this.page.goto(redirect === undefined ? '/sign-in' : `/sign-in?redirect=${encodeURIComponent(redirect)}`, { waitUntil: 'commit' }), this.page);
    await waitFor('the sign-in form\'s Continue button', () => expect(this.submit).toBeVisible(), this.page);
  }

  /** Fill the form, press Continue and wait for the app's answer to `POST /api/auth/sign-in/email`. */
  async signIn(email: string, password: string): Promise<Response> {
    await waitFor('the e-mail field to take the address', () => this.email.fill(email), this.page);
    await waitFor('the password field to take the password', () => this.password.fill(password), this.page);
    const answered = this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/auth/sign-in/email', { timeout: 15_000 });
    void answered.catch((e: Error) => e); // awaited below; a failed click must not leave it unhandled
    await waitFor('the Continue button to be clicked', () => this.submit.click(), this.page);
    return waitFor('the app to answer the sign-in request', () => answered, this.page);
  }
}

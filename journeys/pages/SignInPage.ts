import { expect, type Page, type Locator } from '@playwright/test';

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
    await this.page.goto(redirect === undefined ? '/sign-in' : `/sign-in?redirect=${encodeURIComponent(redirect)}`);
    await expect(this.submit).toBeVisible();
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }

  /** Resolves once the browser has left /sign-in (the contract's sign-in is client-side). */
  async waitUntilLeft(): Promise<void> {
    await this.page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  }
}

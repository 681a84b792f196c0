import { expect, type Page, type Locator } from '@playwright/test';
import { waitFor } from '../../witness/activity.js';

/**
 * The signed-in shell every app page shares (contract §5): its header's notification bell is
 * there on the desktop and the phone layout alike, once the client has rendered the page.
 */
export class AppShell {
  readonly bell: Locator;

  constructor(readonly page: Page) {
    this.bell = page.getByRole('button', { name: /^Notifications( \(\d+ Unread\))?$/ });
  }

  /** Open a path as the signed-in user (the app may redirect: a role gate, a home). */
  async visit(path: string): Promise<void> {
    await waitFor(`the navigation to ${path} to commit`, () => this.page.goto(path, { waitUntil: 'commit' }), this.page);
  }

  /** Wait until either the app shell or `other` (say, the sign-in banner) shows; which one did. */
  async settle(other: Locator, what: string): Promise<'shell' | 'other'> {
    await waitFor(`the app shell (its notification bell) or ${what} to show`, () => expect(this.bell.or(other).first()).toBeVisible({ timeout: 15_000 }), this.page);
    return (await this.bell.isVisible()) ? 'shell' : 'other';
  }
}

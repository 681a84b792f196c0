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

/** The driver header's counts as its buttons name them (contract §5, §5.12): `Label (N)`, just `Label` at 0. */
export interface HeaderCounts {
  needsConfirmation: number;
  availableShifts: number;
  unread: number;
}

/** Read the header's counts from the buttons' accessible names (the visible badge caps at 99+). */
export async function readHeaderCounts(page: Page): Promise<HeaderCounts & { names: string[] }> {
  const nameOf = async (pattern: RegExp) => {
    const b = page.getByRole('button', { name: pattern });
    return (await b.count()) ? ((await b.first().getAttribute('aria-label')) ?? '') : '';
  };
  const names = await Promise.all([
    nameOf(/^Needs Confirmation( \(\d+\))?$/),
    nameOf(/^Available Shifts( \(\d+\))?$/),
    nameOf(/^Notifications( \(\d+ Unread\))?$/),
  ]);
  const n = (name: string) => (name ? Number(/\((\d+)/.exec(name)?.[1] ?? 0) : NaN);
  return { needsConfirmation: n(names[0]!), availableShifts: n(names[1]!), unread: n(names[2]!), names };
}

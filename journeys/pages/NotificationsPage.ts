import { expect, type Page, type Locator } from '@playwright/test';
import { waitFor } from '../../witness/activity.js';
import { BasePage } from './BasePage.js';

export interface NotificationRow {
  id: string;
  type: string;
  read: boolean;
  text: string;
}

/** `/notifications` (contract §5.6): rows expose their notification id and type. */
export class NotificationsPage extends BasePage {
  readonly path = '/notifications';
  readonly list: Locator;
  readonly rows: Locator;

  constructor(page: Page) {
    super(page);
    this.list = page.locator('[data-testid="notifications-list"]');
    this.rows = page.locator('article[data-testid="notification-row"]');
  }

  async waitLoaded(): Promise<void> {
    await waitFor(
      'the notifications list on /notifications to be loaded (data-loaded="true")',
      () => expect(this.page.locator('[data-testid="notifications-list"][data-loaded="true"]')).toBeVisible(),
      this.page,
    );
  }

  row(notificationId: string): Locator {
    return this.page.locator(`article[data-testid="notification-row"][data-notification-id="${notificationId}"]`);
  }

  /** The rendered rows in page order, duplicates kept. */
  async read(): Promise<NotificationRow[]> {
    return this.rows.evaluateAll((els) =>
      els.map((e) => ({
        id: e.getAttribute('data-notification-id') ?? '',
        type: e.getAttribute('data-notification-type') ?? '',
        read: e.classList.contains('read'),
        text: (e.textContent ?? '').replace(/\s+/g, ' ').trim(),
      })),
    );
  }
}

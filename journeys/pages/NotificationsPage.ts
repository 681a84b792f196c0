import { type Page, type Locator } from '@playwright/test';
import { LoadedListPage } from './BasePage.js';

export interface NotificationRow {
  id: string;
  type: string;
  read: boolean;
  text: string;
}

/** `/notifications` (contract §5.6): rows expose their notification id and type. */
export class NotificationsPage extends LoadedListPage {
  readonly path = '/notifications';
  readonly rows: Locator;

  constructor(page: Page) {
    super(page, page.locator('[data-testid="notifications-list"]'), page.locator('[data-testid="notifications-list"][data-loaded="true"]'), 'the notifications list');
    this.rows = page.locator('article[data-testid="notification-row"]');
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

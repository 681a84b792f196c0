import { expect, type Page, type Locator, type Response } from '@playwright/test';
import { waitFor } from '../../witness/activity.js';
import { LoadedListPage } from './BasePage.js';

export interface NotificationRow {
  id: string;
  type: string;
  read: boolean;
  text: string;
}

/** How long a mark-read is held for an app that waits for it before leaving /notifications. */
const MARK_HOLD_MS = 2_000;

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

  /**
   * Load every page: the list grows by infinite scroll (a sentinel below the last row while more
   * pages exist, contract §5.6), so scroll the sentinel into view until it is gone.
   */
  async loadAll(): Promise<void> {
    const sentinel = this.page.locator('.scroll-sentinel');
    for (let pages = 1; (await sentinel.count()) > 0; pages++) {
      if (pages > 10) throw new Error('HARNESS-001 /notifications still offers more after 10 pages');
      const before = await this.rows.count();
      await sentinel.first().scrollIntoViewIfNeeded();
      await waitFor(`page ${pages + 1} of /notifications to load (more than ${before} rows, or no more to load)`, () =>
        expect.poll(async () => (await this.rows.count()) > before || (await sentinel.count()) === 0, { timeout: 10_000 }).toBe(true), this.page);
    }
  }

  /** Click a row (the app marks it read, then navigates to its page); the mark's answer. */
  async openRow(notificationId: string): Promise<Response> {
    const mark = `/api/notifications/${notificationId}/read`;
    const away = (u: URL) => !u.pathname.startsWith(this.path);
    // The slow connection, every run: the mark reaches the server only after the page the row leads
    // to has read the notifications. An app whose bell trusts a reading older than its own write
    // (the real Drive's header reloads the list on mount while the mark is in flight) then shows it
    // each time, not once in a few runs. An app that waits for the mark before moving on never
    // leaves this page: its mark goes through after MARK_HOLD_MS, with nothing to race.
    const leaves = this.page.waitForURL(away, { timeout: MARK_HOLD_MS, waitUntil: 'commit' }).then(
      () => true,
      () => false,
    );
    const nextPageRead = this.page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/notifications' && away(new URL(this.page.url())), { timeout: 15_000 });
    void nextPageRead.catch((e: Error) => e);
    await this.page.route(
      (u) => u.pathname === mark,
      async (route) => {
        if (await leaves) await nextPageRead.catch(() => undefined); // no read at all: the bell check below says so
        await route.continue().catch(() => undefined); // the page that sent it may be gone (the next one sends it again)
      },
      { times: 1 },
    );
    return this.answerTo('PATCH', mark, `the mark-read of ${notificationId}`, () => this.row(notificationId).click());
  }

  /** `Mark all as read`; the app's answer. */
  async markAllRead(): Promise<Response> {
    return this.answerTo('POST', '/api/notifications/mark-all-read', 'mark-all-read', () => this.page.getByRole('button', { name: 'Mark all as read' }).click());
  }
}

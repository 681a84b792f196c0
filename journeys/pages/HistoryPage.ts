import { type Page, type Locator } from '@playwright/test';
import { LoadedListPage } from './BasePage.js';

export interface HistoryRow {
  id: string;
  /** the `N delivered` stat of a completed shift (null when the row shows none) */
  delivered: number | null;
  text: string;
}

/** `/history` (contract §5.5): rows expose their assignment id; completed ones show parcel stats. */
export class HistoryPage extends LoadedListPage {
  readonly path = '/history';
  readonly rows: Locator;

  constructor(page: Page) {
    super(page, page.locator('[data-testid="history-list"]'), page.locator('[data-testid="history-list"][data-loaded="true"]'), 'the history list');
    this.rows = page.locator('.history-item[data-history-id]');
  }

  row(assignmentId: string): Locator {
    return this.page.locator(`.history-item[data-history-id="${assignmentId}"]`);
  }

  /** The rendered rows of the first page, in page order, duplicates kept. */
  async read(): Promise<HistoryRow[]> {
    const rows = await this.rows.evaluateAll((els) =>
      // innerText, not textContent: it keeps the layout's breaks, so `Warehouse A s1` and `114 delivered` stay apart
      els.map((e) => ({ id: e.getAttribute('data-history-id') ?? '', text: (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim() })),
    );
    return rows.map((r) => {
      const m = /(?:^|\s)(\d+)\s*delivered\b/i.exec(r.text);
      return { ...r, delivered: m ? Number(m[1]) : null };
    });
  }
}

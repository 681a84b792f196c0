import { type Page, type Locator } from '@playwright/test';
import { LoadedListPage } from './BasePage.js';

/** `/schedule` (contract §5.3): rows expose their assignment id. */
export class SchedulePage extends LoadedListPage {
  readonly path = '/schedule';
  readonly rows: Locator;

  constructor(page: Page) {
    super(page, page.locator('[data-testid="schedule-list"]'), page.locator('[data-testid="schedule-list"][data-loaded="true"]'), 'the schedule list');
    this.rows = page.locator('[data-testid="assignment-row"]');
  }

  row(assignmentId: string): Locator {
    return this.page.locator(`[data-testid="assignment-row"][data-assignment-id="${assignmentId}"]`);
  }

  /** The assignment ids of the rendered rows, in page order, duplicates kept. */
  async assignmentIds(): Promise<string[]> {
    return this.rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-assignment-id') ?? ''));
  }
}

import { expect, type Page, type Locator } from '@playwright/test';
import { waitFor } from '../../witness/activity.js';
import { BasePage } from './BasePage.js';

/** `/schedule` (contract §5.3): rows expose their assignment id. */
export class SchedulePage extends BasePage {
  readonly path = '/schedule';
  readonly list: Locator;
  readonly rows: Locator;

  constructor(page: Page) {
    super(page);
    this.list = page.locator('[data-testid="schedule-list"]');
    this.rows = page.locator('[data-testid="assignment-row"]');
  }

  async waitLoaded(): Promise<void> {
    await waitFor('the schedule list on /schedule to be loaded (data-loaded="true")', () => expect(this.page.locator('[data-testid="schedule-list"][data-loaded="true"]')).toBeVisible(), this.page);
  }

  row(assignmentId: string): Locator {
    return this.page.locator(`[data-testid="assignment-row"][data-assignment-id="${assignmentId}"]`);
  }

  /** The assignment ids of the rendered rows, in page order, duplicates kept. */
  async assignmentIds(): Promise<string[]> {
    return this.rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-assignment-id') ?? ''));
  }
}

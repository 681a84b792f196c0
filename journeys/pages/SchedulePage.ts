import { expect, type Page, type Locator, type Response } from '@playwright/test';
import { waitFor } from '../../witness/activity.js';
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

  /** The row's `Confirm`; the confirm's answer. */
  async confirm(assignmentId: string): Promise<Response> {
    return this.answerTo('POST', `/api/assignments/${assignmentId}/confirm`, `the confirm of ${assignmentId}`, () =>
      this.row(assignmentId).getByRole('button', { name: 'Confirm', exact: true }).click());
  }

  /** The row's `Cancel`, then `Confirm cancellation` in the `Cancel assignment` dialog; the cancel's answer. */
  async cancel(assignmentId: string): Promise<Response> {
    await waitFor(`the Cancel button of ${assignmentId} to be clicked`, () => this.row(assignmentId).getByRole('button', { name: 'Cancel', exact: true }).click(), this.page);
    const dialog = this.page.getByRole('dialog', { name: 'Cancel assignment' });
    await waitFor('the Cancel assignment dialog to open', () => expect(dialog).toBeVisible(), this.page);
    return this.answerTo('POST', `/api/assignments/${assignmentId}/cancel`, `the cancel of ${assignmentId}`, () =>
      dialog.getByRole('button', { name: 'Confirm cancellation', exact: true }).click());
  }
}

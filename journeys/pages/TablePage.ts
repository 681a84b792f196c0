import { expect, type Locator, type Page } from '@playwright/test';
import { waitFor } from '../../witness/activity.js';
import { BasePage } from './BasePage.js';

/**
 * A manager page built around one real table (contract §5.8–§5.10): placeholder rows under
 * `aria-busy="true"` while loading, the rows once it is `"false"`; rows carry no ids, so a row is
 * found by its first cell.
 */
export abstract class TablePage extends BasePage {
  readonly table: Locator;
  readonly loadedTable: Locator;
  readonly rows: Locator;

  constructor(page: Page) {
    super(page);
    this.table = page.locator('table').first();
    this.loadedTable = page.locator('table[aria-busy="false"]').first();
    this.rows = page.locator('table[aria-busy="false"] tbody tr:not(:has(.empty-state))');
  }

  /** what the table holds, for the wait's message: "routes" → "the routes table on /routes …" */
  protected abstract readonly holds: string;

  async waitLoaded(): Promise<void> {
    await waitFor(`the ${this.holds} table on ${this.path} to finish loading (aria-busy="false")`, () => expect(this.loadedTable).toBeVisible(), this.page);
  }

  /** Every row's cells as the page shows them (innerText, whitespace folded), in page order. */
  async cells(): Promise<string[][]> {
    return this.rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.replace(/\s+/g, ' ').trim())));
  }

  /** The row whose first cell reads `name`. */
  row(name: string): Locator {
    return this.rows.filter({ has: this.page.locator('td').first().getByText(name, { exact: true }) });
  }

  /** Open a modal from the toolbar's icon button `button` (aria-label) and return the dialog named `title`. */
  protected async openDialog(button: string, title: string): Promise<Locator> {
    await waitFor(`the ${button} button on ${this.path} to be clicked`, () => this.page.getByRole('button', { name: button, exact: true }).click(), this.page);
    const dialog = this.page.getByRole('dialog', { name: title });
    await waitFor(`the ${title} dialog to open`, () => expect(dialog).toBeVisible(), this.page);
    return dialog;
  }
}

import { expect, type Page, type Locator } from '@playwright/test';

export interface RouteRow {
  name: string;
  warehouse: string;
  start: string;
  driver: string;
  status: string;
}

/** `/routes` (contract §5.8): a real table; the detail panel holds the `Suspended` switch. */
export class RoutesPage {
  readonly rows: Locator;
  readonly table: Locator;
  readonly empty: Locator;
  readonly details: Locator;
  readonly suspendedSwitch: Locator;

  constructor(readonly page: Page) {
    this.table = page.locator('table').first();
    this.rows = page.locator('table tbody tr');
    this.empty = page.locator('.empty-state');
    this.details = page.getByText('Assignment Details');
    this.suspendedSwitch = page.locator('button[role="switch"]');
  }

  async open(): Promise<void> {
    await this.page.goto('/routes');
    await this.waitLoaded();
  }

  async waitLoaded(): Promise<void> {
    await expect(this.rows.first().or(this.empty)).toBeVisible();
  }

  /** The table as its five columns (Name, Warehouse, Start, Driver, Status). */
  async read(): Promise<RouteRow[]> {
    return this.rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const c = [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
        return { name: c[0] ?? '', warehouse: c[1] ?? '', start: c[2] ?? '', driver: c[3] ?? '', status: c[4] ?? '' };
      }),
    );
  }

  row(name: string): Locator {
    return this.rows.filter({ has: this.page.locator('td').first().getByText(name, { exact: true }) });
  }

  async openDetails(routeName: string): Promise<void> {
    await this.row(routeName).click();
    await expect(this.details).toBeVisible();
  }

  /**
   * Flip the `Suspended` switch of the open detail panel; no confirmation dialog (contract §5.8).
   * Resolves when the app confirms the request (its toast); what the page then shows is for the
   * witness to compare with the database.
   */
  async setSuspended(on: boolean): Promise<void> {
    await expect(this.suspendedSwitch).toHaveAttribute('aria-checked', on ? 'false' : 'true');
    await this.suspendedSwitch.click();
    await expect(this.page.getByText(on ? 'Route suspended.' : 'Route resumed.')).toBeVisible();
  }
}

import { expect, type Page, type Locator, type Response } from '@playwright/test';
import { waitFor } from '../../witness/activity.js';
import { InvariantError } from '../../witness/failure.js';
import { TablePage } from './TablePage.js';

export interface RouteRow {
  name: string;
  warehouse: string;
  start: string;
  driver: string;
  status: string;
}

/** `/routes` (contract §5.8): a real table; the detail panel holds the `Suspended` switch. */
export class RoutesPage extends TablePage {
  readonly path = '/routes';
  protected readonly holds = 'routes';
  readonly details: Locator;
  readonly suspendedSwitch: Locator;

  constructor(page: Page) {
    super(page);
    this.details = page.getByText('Assignment Details');
    this.suspendedSwitch = page.locator('button[role="switch"]');
  }

  /** The filter drawer's date (`#route-date-filter`, typed as YYYY-MM-DD) and its Confirm: the table shows that day. */
  async filterToDate(date: string): Promise<void> {
    await waitFor('the Filter button on /routes to be clicked', () => this.page.getByRole('button', { name: 'Filter', exact: true }).click(), this.page);
    const drawer = this.page.getByRole('dialog', { name: 'Filters' });
    await waitFor('the Filters drawer to open', () => expect(drawer).toBeVisible(), this.page);
    await drawer.locator('#route-date-filter').fill(date);
    await drawer.getByRole('button', { name: 'Confirm', exact: true }).click();
    await waitFor('the Filters drawer to close', () => expect(drawer).toBeHidden(), this.page);
    await this.waitLoaded();
  }

  /** The open panel's `Assign Driver`, then its dialog (the real app names both the same: the dialog is the scope). */
  async openAssignDialog(): Promise<Locator> {
    await waitFor('the Assign Driver button of the open panel to be clicked', () => this.page.getByRole('button', { name: 'Assign Driver', exact: true }).first().click(), this.page);
    const dialog = this.page.getByRole('dialog', { name: 'Assign Driver' });
    await waitFor('the Assign Driver dialog to open', () => expect(dialog).toBeVisible(), this.page);
    return dialog;
  }

  /** The names the dialog's driver picker (`#route-assign-driver`, a listbox) offers, in order. */
  async pickerOptions(dialog: Locator): Promise<string[]> {
    const trigger = dialog.locator('#route-assign-driver');
    await waitFor('the driver picker to be enabled', () => expect(trigger).toBeEnabled(), this.page);
    await trigger.click();
    const options = dialog.getByRole('option');
    await waitFor('the driver picker to list its options', () => expect(options.first()).toBeVisible(), this.page);
    const names = (await options.allInnerTexts()).map((t) => t.trim());
    return names.filter((n) => n !== 'No results found');
  }

  /** Pick `name` in the open picker and submit; the app's answer (an assign or a reassign override). */
  async assignTo(dialog: Locator, name: string): Promise<Response> {
    await waitFor(`the option ${name} to be picked`, () => dialog.getByRole('option', { name, exact: true }).click(), this.page);
    return this.answerTo('POST', /^\/api\/assignments\/[^/]+\/(assign|override)$/, `the assign to ${name}`, () =>
      dialog.getByRole('button', { name: 'Assign Driver', exact: true }).click());
  }

  /** `Add Route`, then the `Create Route` dialog (`#create-name`, `#create-start-time`, the `#create-warehouse` picker); the POST's answer. */
  async createRoute(route: { name: string; startTime: string; warehouse: string }): Promise<Response> {
    await waitFor('the Add Route button on /routes to be clicked', () => this.page.getByRole('button', { name: 'Add Route', exact: true }).click(), this.page);
    const dialog = this.page.getByRole('dialog', { name: 'Create Route' });
    await waitFor('the Create Route dialog to open', () => expect(dialog).toBeVisible(), this.page);
    await dialog.locator('#create-name').fill(route.name);
    await dialog.locator('#create-start-time').fill(route.startTime);
    await waitFor('the warehouse picker (#create-warehouse) to open', () => dialog.locator('#create-warehouse').click(), this.page);
    await waitFor(`the warehouse ${route.warehouse} to be picked`, () => dialog.getByRole('option', { name: route.warehouse, exact: true }).click(), this.page);
    return this.answerTo('POST', '/api/routes', `the creation of ${route.name}`, () => dialog.getByRole('button', { name: 'Create', exact: true }).click());
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


  async openDetails(routeName: string): Promise<void> {
    await waitFor(`the row of ${routeName} on /routes to be clicked`, () => this.row(routeName).click(), this.page);
    await waitFor(`the Assignment Details panel of ${routeName} to open`, () => expect(this.details).toBeVisible(), this.page);
  }

  /**
   * The open detail panel holds an assignment (its `Suspended` switch). When it does not and the
   * table shows the route with no driver, the page is not showing the assignment the database holds
   * (another day's table, contract §5.8): WITNESS-001, not a harness timeout.
   */
  private async expectAssignmentShown(routeName: string): Promise<void> {
    try {
      await expect(this.suspendedSwitch).toBeVisible({ timeout: 5_000 });
    } catch {
      const row = (await this.read()).find((r) => r.name === routeName);
      if (row && row.driver === 'Unassigned') {
        throw new InvariantError(
          'WITNESS-001',
          `/routes shows ${routeName} with no assignment (${row.driver}, ${row.status}) just before the action, so its detail panel has no Suspended switch: the page no longer shows the assignment it showed`,
          { signature: 'WITNESS-001 /routes routes unassigned-before-action', details: { row: `${row.name} | ${row.warehouse} | ${row.driver} | ${row.status}` } },
        );
      }
    }
  }

  /**
   * Flip the `Suspended` switch of the open detail panel (no confirmation dialog, contract §5.8)
   * and wait for the app's answer to the override it sends. What the page and the database then
   * hold is for the witness to compare.
   */
  async setSuspended(on: boolean, routeName?: string): Promise<Response> {
    if (routeName) await this.expectAssignmentShown(routeName);
    await waitFor(`the Suspended switch to read ${on ? 'off' : 'on'} before it is flipped`, () => expect(this.suspendedSwitch).toHaveAttribute('aria-checked', on ? 'false' : 'true'), this.page);
    const answered = this.page.waitForResponse((r) => r.request().method() === 'POST' && /^\/api\/assignments\/[^/]+\/override$/.test(new URL(r.url()).pathname), { timeout: 15_000 });
    void answered.catch((e: Error) => e); // awaited below; a failed click must not leave it unhandled
    await waitFor('the Suspended switch to be clicked', () => this.suspendedSwitch.click(), this.page);
    return waitFor(`the app to answer the ${on ? 'suspend_route' : 'resume_route'} override`, () => answered, this.page);
  }

  /**
   * Press the open detail panel's `Open Urgent Bidding` and confirm it in its dialog (contract
   * §5.8); wait for the app's answer to the override it sends.
   */
  async openUrgentBidding(): Promise<Response> {
    const footer = this.page.getByRole('button', { name: 'Open Urgent Bidding', exact: true }).first();
    await waitFor('the Open Urgent Bidding button of the detail panel to be clicked', () => footer.click(), this.page);
    const dialog = this.page.getByRole('dialog', { name: 'Open Urgent Bidding?' });
    const answered = this.page.waitForResponse((r) => r.request().method() === 'POST' && /^\/api\/assignments\/[^/]+\/override$/.test(new URL(r.url()).pathname), { timeout: 15_000 });
    void answered.catch((e: Error) => e);
    await waitFor('the Open Urgent Bidding? dialog to be confirmed', () => dialog.getByRole('button', { name: 'Open Urgent Bidding', exact: true }).click(), this.page);
    return waitFor('the app to answer the open_urgent_bidding override', () => answered, this.page);
  }
}

import { expect, type Response } from '@playwright/test';
import { waitFor } from '../../witness/activity.js';
import { TablePage } from './TablePage.js';

export interface DriverRow {
  name: string;
  email: string;
  /** the Weekly Cap column, a bare number */
  weeklyCap: string;
}

/** `/drivers` (contract §5.9): the organization's drivers; a row's `Driver Details` panel edits the weekly cap. */
export class DriversPage extends TablePage {
  readonly path = '/drivers';
  protected readonly holds = 'drivers';

  /** The Name, Email and Weekly Cap (the eighth) columns. */
  async read(): Promise<DriverRow[]> {
    return (await this.cells()).map((c) => ({ name: c[0] ?? '', email: c[1] ?? '', weeklyCap: c[7] ?? '' }));
  }

  /**
   * Open the driver's `Driver Details`, `Edit`, pick `N days/week` in the Weekly Cap select (its
   * name is the selected label) and `Save`; the app's answer to the PATCH.
   */
  async setWeeklyCap(name: string, cap: number): Promise<Response> {
    await waitFor(`the row of ${name} on /drivers to be clicked`, () => this.row(name).click(), this.page);
    await waitFor(`the Driver Details panel of ${name} to open`, () => expect(this.page.getByRole('heading', { name: 'Driver Details' })).toBeVisible(), this.page);
    await waitFor('the Edit button of the panel to be clicked', () => this.page.getByRole('button', { name: 'Edit', exact: true }).click(), this.page);
    await waitFor('the Weekly Cap select to be opened', () => this.page.getByRole('button', { name: /^\d days\/week$/ }).click(), this.page);
    await waitFor(`the option ${cap} days/week to be picked`, () => this.page.getByRole('option', { name: `${cap} days/week`, exact: true }).click(), this.page);
    return this.answerTo('PATCH', /^\/api\/drivers\/[^/]+$/, `the weekly cap of ${name}`, () => this.page.getByRole('button', { name: 'Save', exact: true }).click());
  }
}

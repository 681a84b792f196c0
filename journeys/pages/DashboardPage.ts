import { expect, type Locator, type Page, type Response } from '@playwright/test';
import { waitFor } from '../../witness/activity.js';
import { BasePage } from './BasePage.js';

/** What /dashboard shows of the database (contract §5.2), read by its text. */
export interface DashboardReading {
  /** the Today's Shift section's text ("No shift today", or the shift with its step) */
  today: string;
  /** N of `Coming Up (N)`; 0 when the section is not rendered (the app leaves it out when empty) */
  comingUp: number;
  /** the Pending Bids rows' texts (the page shows at most 3) */
  pendingBids: string[];
}

/**
 * `/dashboard` (contract §5.2): today's shift and its steps (arrive, parcels, finish), the Coming Up
 * confirmations and the pending bids. The app's dashboard rows carry no ids, so a row is found by
 * its route's name; every step waits for the answer of the request it sends.
 */
export class DashboardPage extends BasePage {
  readonly path = '/dashboard';
  readonly todaySection: Locator;
  readonly comingUpSection: Locator;
  readonly pendingBidsSection: Locator;

  constructor(page: Page) {
    super(page);
    this.todaySection = page.locator('section').filter({ has: page.getByRole('heading', { name: "Today's Shift", exact: true }) });
    this.comingUpSection = page.locator('section#this-week-shifts');
    this.pendingBidsSection = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Pending Bids', exact: true }) });
  }

  /** Loaded once its sections render (the app swaps them all for a spinner while it fetches). */
  async waitLoaded(): Promise<void> {
    await waitFor(`the dashboard's sections on ${this.path} to render (Today's Shift and Pending Bids)`, async () => {
      await expect(this.todaySection).toBeVisible();
      await expect(this.pendingBidsSection).toBeVisible();
    }, this.page);
  }

  async read(): Promise<DashboardReading> {
    await this.waitLoaded();
    const heading = this.comingUpSection.getByRole('heading', { name: /^Coming Up \(\d+\)$/ });
    const comingUp = (await this.comingUpSection.count()) ? Number(/\((\d+)\)/.exec(await heading.innerText())?.[1] ?? NaN) : 0;
    const pendingBids = (await this.pendingBidsSection.locator('.assignment-item').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    return { today: (await this.todaySection.innerText()).replace(/\s+/g, ' ').trim(), comingUp, pendingBids };
  }

  /** The Coming Up row of this route (the one shift of it the driver has in the coming week). */
  comingUpRow(routeName: string): Locator {
    return this.comingUpSection.locator('.assignment-item').filter({ hasText: routeName });
  }

  /** Confirm the Coming Up row of this route; the confirm's answer. */
  async confirm(routeName: string): Promise<Response> {
    const row = this.comingUpRow(routeName);
    return this.answerTo('POST', /^\/api\/assignments\/[^/]+\/confirm$/, 'the confirm', () => row.getByRole('button', { name: 'Confirm', exact: true }).click());
  }

  /** `I'm On Site` (the app renders the button twice, in the header row and as the step's action). */
  async arrive(): Promise<Response> {
    const button = this.todaySection.getByRole('button', { name: "I'm On Site", exact: true }).last();
    return this.answerTo('POST', '/api/shifts/arrive', 'the arrival', () => button.click());
  }

  /** The parcel count into `#parcels-start`, sent with its form's Submit. */
  async recordParcels(parcels: number): Promise<Response> {
    const form = this.page.locator('form').filter({ has: this.page.locator('#parcels-start') });
    await waitFor('the parcel form (#parcels-start) to show', () => expect(form).toBeVisible(), this.page);
    await form.locator('#parcels-start').fill(String(parcels));
    return this.answerTo('POST', '/api/shifts/start', 'the parcel count', () => form.locator('button[type="submit"]').click());
  }

  /** `Complete Shift`, the returns into `#parcels-returned`, `Finish Shift` and its confirmation dialog. */
  async finish(returned: number): Promise<Response> {
    await waitFor('the Complete Shift button to show', () => expect(this.page.getByRole('button', { name: 'Complete Shift', exact: true }).first()).toBeVisible(), this.page);
    await this.page.getByRole('button', { name: 'Complete Shift', exact: true }).first().click();
    const form = this.page.locator('form').filter({ has: this.page.locator('#parcels-returned') });
    await waitFor('the returns form (#parcels-returned) to show', () => expect(form).toBeVisible(), this.page);
    await form.locator('#parcels-returned').fill(String(returned));
    await form.locator('button[type="submit"]').click();
    const dialog = this.page.getByRole('dialog', { name: 'Complete Shift' });
    await waitFor('the Complete Shift dialog to open', () => expect(dialog).toBeVisible(), this.page);
    return this.answerTo('POST', '/api/shifts/complete', 'the completion', () => dialog.getByRole('button', { name: 'Finish Shift', exact: true }).click());
  }
}

import { expect, type Page, type Locator, type Response } from '@playwright/test';
import { parseItem, type ParsedItem } from './parse.js';
import { waitFor } from '../../witness/activity.js';
import { BasePage, type PageContext } from './BasePage.js';

type RouteDay = { routeName: string; warehouseName: string; date: string };

/** `/bids` (contract §5.4): items carry no id attribute, so they are read by their text. */
export class BidsPage extends BasePage {
  readonly path = '/bids';
  readonly section: Locator;
  readonly items: Locator;
  readonly empty: Locator;
  /** the second section, headed `My Bids` (the contract gives it no id) */
  readonly myBids: Locator;
  readonly myBidItems: Locator;
  readonly myBidsEmpty: Locator;

  constructor(
    page: Page,
    private readonly ctx: PageContext,
  ) {
    super(page);
    this.section = page.locator('section#available-bids');
    this.items = this.section.locator('.assignment-list .assignment-item');
    this.empty = this.section.locator('.empty-state');
    this.myBids = page.locator('section').filter({ has: page.getByRole('heading', { name: 'My Bids' }) });
    this.myBidItems = this.myBids.locator('.assignment-item');
    this.myBidsEmpty = this.myBids.getByText('No bids yet');
  }

  /** Loaded = the Available Shifts list has items or shows its empty state; never before. */
  async waitLoaded(): Promise<void> {
    await waitFor('the Available Shifts list on /bids to show its items or its empty state', () => expect(this.items.first().or(this.empty)).toBeVisible(), this.page);
  }

  async waitMyBidsLoaded(): Promise<void> {
    await waitFor('My Bids on /bids to show its bids or "No bids yet"', () => expect(this.myBidItems.first().or(this.myBidsEmpty)).toBeVisible(), this.page);
  }

  /** Available Shifts as route-days (read as the page stands). */
  async read(): Promise<ParsedItem[]> {
    return this.parse(await this.items.allInnerTexts());
  }

  /** My Bids as route-days with their status chip (`Pending`, `Won`, `Lost`). */
  async readMyBids(): Promise<(ParsedItem & { status: string | null })[]> {
    await this.waitMyBidsLoaded();
    const texts = await this.myBidItems.allInnerTexts();
    const items = await this.parse(texts);
    return items.map((it, i) => ({ ...it, status: /\b(Pending|Won|Lost)\b/.exec(texts[i]!)?.[1] ?? null }));
  }

  private async parse(texts: string[]): Promise<ParsedItem[]> {
    const vocab = await this.ctx.vocabulary();
    const today = this.ctx.today();
    return texts.map((t) => parseItem(t, vocab, today));
  }

  /** The bonus badge (`N%`) of the item offering this route-day, as the page stands; null without one. */
  async bonusOf(shift: RouteDay): Promise<string | null> {
    const item = await this.itemFor(shift);
    const badge = item.locator('.premium-badge');
    return (await badge.count()) ? ((await badge.first().textContent()) ?? '').trim() : null;
  }

  /** The item offering this route-day (to outline it in evidence). */
  async item(shift: RouteDay): Promise<Locator> {
    return this.itemFor(shift);
  }

  /** The item showing this route-day; WITNESS-001 when the page does not offer it. */
  private async itemFor(shift: RouteDay): Promise<Locator> {
    await this.waitLoaded();
    const parsed = await this.read();
    const i = parsed.findIndex((p) => p.routeName === shift.routeName && p.warehouseName === shift.warehouseName && p.date === shift.date);
    expect(i, `WITNESS-001 the shift ${shift.routeName} on ${shift.date} is offered on /bids`).toBeGreaterThanOrEqual(0);
    return this.items.nth(i);
  }

  /**
   * Press the item's button and wait for the app's answer to its `POST /api/bids`. What the
   * answer did (a win, a pending bid, a refusal) is for the witness to compare with the database.
   */
  private async press(item: Locator, button: 'Accept Shift' | 'Place Bid', what: string): Promise<Response> {
    const answered = this.page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/bids', { timeout: 15_000 });
    void answered.catch((e: Error) => e); // awaited below; a failed click must not leave it unhandled
    const control = item.getByRole('button', { name: button });
    await waitFor(`the ${button} button of ${what} to be clicked`, () => control.click(), this.page);
    return waitFor(`the app to answer the POST /api/bids of ${what}`, () => answered, this.page);
  }

  /** Open /bids and place a bid on a competitive shift; resolves with the app's answer. */
  async placeBid(shift: RouteDay): Promise<Response> {
    await this.open();
    return this.press(await this.itemFor(shift), 'Place Bid', `${shift.routeName} on ${shift.date}`);
  }

  /** Accept an instant/emergency shift on the page as it stands; resolves with the app's answer. */
  async accept(shift: RouteDay): Promise<Response> {
    return this.press(await this.itemFor(shift), 'Accept Shift', `${shift.routeName} on ${shift.date}`);
  }
}

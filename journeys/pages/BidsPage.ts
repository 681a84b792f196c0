import { expect, type Page, type Locator, type Response } from '@playwright/test';
import { parseItem, type ParsedItem, type Vocabulary } from './parse.js';
import { waitFor } from '../../witness/activity.js';

type RouteDay = { routeName: string; warehouseName: string; date: string };

/** `/bids` (contract §5.4): items carry no id attribute, so they are read by their text. */
export class BidsPage {
  readonly section: Locator;
  readonly items: Locator;
  readonly empty: Locator;
  /** the second section, headed `My Bids` (the contract gives it no id) */
  readonly myBids: Locator;
  readonly myBidItems: Locator;
  readonly myBidsEmpty: Locator;

  constructor(readonly page: Page) {
    this.section = page.locator('section#available-bids');
    this.items = this.section.locator('.assignment-list .assignment-item');
    this.empty = this.section.locator('.empty-state');
    this.myBids = page.locator('section').filter({ has: page.getByRole('heading', { name: 'My Bids' }) });
    this.myBidItems = this.myBids.locator('.assignment-item');
    this.myBidsEmpty = this.myBids.getByText('No bids yet');
  }

  async waitMyBidsLoaded(): Promise<void> {
    await waitFor('My Bids on /bids to show its bids or "No bids yet"', () => expect(this.myBidItems.first().or(this.myBidsEmpty)).toBeVisible(), this.page);
  }

  /** My Bids as route-days with their status chip (`Pending`, `Won`, `Lost`). */
  async readMyBids(vocab: Vocabulary, today: string): Promise<(ParsedItem & { status: string | null })[]> {
    await this.waitMyBidsLoaded();
    const texts = await this.myBidItems.allInnerTexts();
    return texts.map((t) => ({ ...parseItem(t, vocab, today), status: /\b(Pending|Won|Lost)\b/.exec(t)?.[1] ?? null }));
  }

  async open(): Promise<void> {
    await waitFor('the navigation to /bids to commit', () => this.page.goto('/bids', { waitUntil: 'commit' }), this.page);
    await this.waitLoaded();
  }

  /** Loaded = the list has items or shows its empty state; never before. */
  async waitLoaded(): Promise<void> {
    await waitFor('the Available Shifts list on /bids to show its items or its empty state', () => expect(this.items.first().or(this.empty)).toBeVisible(), this.page);
  }

  async read(vocab: Vocabulary, today: string): Promise<ParsedItem[]> {
    const texts = await this.items.allInnerTexts();
    return texts.map((t) => parseItem(t, vocab, today));
  }

  /** The item showing this route-day; WITNESS-001 when the page does not offer it. */
  private async itemFor(shift: RouteDay, vocab: Vocabulary, today: string): Promise<Locator> {
    await this.waitLoaded();
    const parsed = await this.read(vocab, today);
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
    const control = button === 'Accept Shift' ? item.getByRole('button', { name: 'Accept Shift' }) : item.getByRole('button', { name: 'Place Bid' });
    await waitFor(`the ${button} button of ${what} to be clicked`, () => control.click(), this.page);
    return waitFor(`the app to answer the POST /api/bids of ${what}`, () => answered, this.page);
  }

  /** Place a bid on a competitive shift; resolves with the app's answer. */
  async placeBid(shift: RouteDay, vocab: Vocabulary, today: string): Promise<Response> {
    await this.open();
    return this.press(await this.itemFor(shift, vocab, today), 'Place Bid', `${shift.routeName} on ${shift.date}`);
  }

  /** Accept an instant/emergency shift; resolves with the app's answer. */
  async accept(shift: RouteDay, vocab: Vocabulary, today: string): Promise<Response> {
    return this.press(await this.itemFor(shift, vocab, today), 'Accept Shift', `${shift.routeName} on ${shift.date}`);
  }
}

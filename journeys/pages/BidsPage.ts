import { expect, type Page, type Locator } from '@playwright/test';
import { parseItem, type ParsedItem, type Vocabulary } from './parse.js';

/** `/bids` (contract §5.4): items carry no id attribute, so they are read by their text. */
export class BidsPage {
  readonly section: Locator;
  readonly items: Locator;
  readonly empty: Locator;
  readonly toast: (text: RegExp | string) => Locator;
  /** the second section, headed `My Bids` (the contract gives it no id) */
  readonly myBids: Locator;
  readonly myBidItems: Locator;
  readonly myBidsEmpty: Locator;

  constructor(readonly page: Page) {
    this.section = page.locator('section#available-bids');
    this.items = this.section.locator('.assignment-list .assignment-item');
    this.empty = this.section.locator('.empty-state');
    this.toast = (text) => page.getByText(text);
    this.myBids = page.locator('section').filter({ has: page.getByRole('heading', { name: 'My Bids' }) });
    this.myBidItems = this.myBids.locator('.assignment-item');
    this.myBidsEmpty = this.myBids.getByText('No bids yet');
  }

  async waitMyBidsLoaded(): Promise<void> {
    await expect(this.myBidItems.first().or(this.myBidsEmpty)).toBeVisible();
  }

  /** My Bids as route-days with their status chip (`Pending`, `Won`, `Lost`). */
  async readMyBids(vocab: Vocabulary, today: string): Promise<(ParsedItem & { status: string | null })[]> {
    await this.waitMyBidsLoaded();
    const texts = await this.myBidItems.allInnerTexts();
    return texts.map((t) => ({ ...parseItem(t, vocab, today), status: /\b(Pending|Won|Lost)\b/.exec(t)?.[1] ?? null }));
  }

  /** Place a bid on a competitive shift: the app confirms with its toast. */
  async placeBid(shift: { routeName: string; warehouseName: string; date: string }, vocab: Vocabulary, today: string): Promise<void> {
    await this.open();
    const i = await this.indexOf(shift, vocab, today);
    expect(i, `WITNESS-001 the shift ${shift.routeName} on ${shift.date} is offered on /bids`).toBeGreaterThanOrEqual(0);
    await this.items.nth(i).getByRole('button', { name: 'Place Bid' }).click();
    await expect(this.toast('Bid submitted successfully.')).toBeVisible();
  }

  async open(): Promise<void> {
    await this.page.goto('/bids');
    await this.waitLoaded();
  }

  /** Loaded = the list has items or shows its empty state; never before. */
  async waitLoaded(): Promise<void> {
    await expect(this.items.first().or(this.empty)).toBeVisible();
  }

  async read(vocab: Vocabulary, today: string): Promise<ParsedItem[]> {
    const texts = await this.items.allInnerTexts();
    return texts.map((t) => parseItem(t, vocab, today));
  }

  /** The index of the item showing this route-day, or -1. */
  async indexOf(shift: { routeName: string; warehouseName: string; date: string }, vocab: Vocabulary, today: string): Promise<number> {
    const parsed = await this.read(vocab, today);
    return parsed.findIndex((p) => p.routeName === shift.routeName && p.warehouseName === shift.warehouseName && p.date === shift.date);
  }

  /** Accept an instant/emergency shift: its item disappears and the success toast shows. */
  async accept(shift: { routeName: string; warehouseName: string; date: string }, vocab: Vocabulary, today: string): Promise<void> {
    await this.waitLoaded();
    const i = await this.indexOf(shift, vocab, today);
    expect(i, `WITNESS-001 the shift ${shift.routeName} on ${shift.date} is offered on /bids`).toBeGreaterThanOrEqual(0);
    const item = this.items.nth(i);
    const before = await this.items.count();
    await item.getByRole('button', { name: 'Accept Shift' }).click();
    await expect(this.toast(/Route assigned!/)).toBeVisible();
    await expect(this.items).toHaveCount(before - 1);
  }
}

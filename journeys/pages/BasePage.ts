import { expect, type Locator, type Page, type Response } from '@playwright/test';
import { waitFor } from '../../witness/activity.js';
import type { Vocabulary } from './parse.js';

/**
 * What a page read by its text needs besides its page, given once when the actor is opened: the
 * scenario's Toronto "today" (to read dates shown without a year) and the names the database knows
 * (to tell a route from a warehouse in an item's text).
 */
export interface PageContext {
  today(): string;
  vocabulary(): Promise<Vocabulary>;
}

/**
 * A page of the app at one path: `goto` navigates (waiting only for the navigation to commit),
 * `waitLoaded` waits for the page's own loaded signal, `open` is both.
 */
export abstract class BasePage {
  abstract readonly path: string;

  constructor(readonly page: Page) {}

  async goto(query = ''): Promise<void> {
    await waitFor(`the navigation to ${this.path} to commit`, () => this.page.goto(`${this.path}${query}`, { waitUntil: 'commit' }), this.page);
  }

  /** the page's loaded state, on the page as it is (no navigation) */
  abstract waitLoaded(): Promise<void>;

  async open(): Promise<void> {
    await this.goto();
    await this.waitLoaded();
  }

  /**
   * Do `act` (a click that sends a request) and resolve with the app's answer to the request of
   * `method` whose path is `path` (or matches it): the answer is for the witness to judge.
   */
  protected async answerTo(method: string, path: string | RegExp, what: string, act: () => Promise<void>): Promise<Response> {
    const matches = (p: string) => (typeof path === 'string' ? p === path : path.test(p));
    const answer = this.page.waitForResponse((r) => r.request().method() === method && matches(new URL(r.url()).pathname), { timeout: 15_000 });
    void answer.catch((e: Error) => e); // awaited below; a failed click must not leave it unhandled
    await waitFor(`the button that sends ${what} to be clicked`, act, this.page);
    return waitFor(`the app to answer ${what}`, () => answer, this.page);
  }
}

/**
 * A page whose list root says when it is loaded (`data-loaded="true"`, contract §5.3, §5.5, §5.6):
 * `list` is the root, `loaded` the root once loaded; rows are the subclass's.
 */
export abstract class LoadedListPage extends BasePage {
  constructor(
    page: Page,
    readonly list: Locator,
    private readonly loaded: Locator,
    /** how the wait reads in a HARNESS-004 message: "the history list" */
    private readonly what: string,
  ) {
    super(page);
  }

  async waitLoaded(): Promise<void> {
    await waitFor(`${this.what} on ${this.path} to be loaded (data-loaded="true")`, () => expect(this.loaded).toBeVisible(), this.page);
  }
}

/**
 * Actors: the slot's users, each signed in once per run through the API (storageState saved under
 * `.auth/<run-id>/`), each with a browser page and an API request context.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Browser, BrowserContextOptions, Page } from '@playwright/test';
import { request } from '@playwright/test';
import type { Slot, SlotOrg, SlotUser } from '../fixtures/slots.js';
import { authDir } from './run.js';
import { BidsPage } from '../journeys/pages/BidsPage.js';
import { SchedulePage } from '../journeys/pages/SchedulePage.js';
import { RoutesPage } from '../journeys/pages/RoutesPage.js';
import { NotificationsPage } from '../journeys/pages/NotificationsPage.js';
import { HistoryPage } from '../journeys/pages/HistoryPage.js';
import { DashboardPage } from '../journeys/pages/DashboardPage.js';
import { WarehousesPage } from '../journeys/pages/WarehousesPage.js';
import { DriversPage } from '../journeys/pages/DriversPage.js';
import { REQUEST_ID_HEADER, type RequestTrail } from './requests.js';
import type { ScenarioClock } from './time.js';
import type { PageContext } from '../journeys/pages/BasePage.js';

export interface Actor {
  name: string;
  user: SlotUser;
  org: SlotOrg;
  page: Page;
  api: APIRequestContext;
  bids: BidsPage;
  schedule: SchedulePage;
  routes: RoutesPage;
  notifications: NotificationsPage;
  history: HistoryPage;
  dashboard: DashboardPage;
  warehouses: WarehousesPage;
  drivers: DriversPage;
}

/**
 * The headers of the suite's API contexts: the Origin Better Auth wants, and `Connection: close`.
 * Playwright's request context keeps its sockets alive with no idle limit of its own, while a Node
 * server (the reference's, the real Drive's) closes one idle for 5 s; a request sent on a socket as
 * the server closes it dies with "socket hang up", a flake no journey could explain. A fresh
 * connection per request costs nothing measurable here (API-006 and API-001 alone, three runs each
 * way: within the runs' own spread).
 */
function apiHeaders(baseURL: string): Record<string, string> {
  return { origin: baseURL, connection: 'close' };
}

/** Sign in through Better Auth's endpoint and save the session; once per actor per slot per run. */
export async function storageStateFor(
  baseURL: string,
  who: { slot: Slot; user: SlotUser; password: string; runId: string; trail: RequestTrail; tag?: string },
): Promise<string> {
  const { slot, user, password, trail, tag } = who;
  const name = user.key;
  const file = path.join(authDir(who.runId), `slot-${slot.index}`, `${tag ? `${tag}-` : ''}${name}.json`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const ctx = await request.newContext({ baseURL, extraHTTPHeaders: apiHeaders(baseURL) });
  try {
    const id = trail.id();
    const res = await ctx.post('/api/auth/sign-in/email', { data: { email: user.email, password, rememberMe: true }, headers: { [REQUEST_ID_HEADER]: id } });
    trail.note({ id, method: 'POST', url: `${baseURL}/api/auth/sign-in/email`, kind: 'api', status: res.status() });
    if (res.status() !== 200) {
      throw new Error(`HARNESS-001 API sign-in of ${user.email} (${name}, slot ${slot.index}) answered ${res.status()}: ${(await res.text()).slice(0, 200)}`);
    }
    await ctx.storageState({ path: file });
  } finally {
    await ctx.dispose();
  }
  return file;
}

/** The pages of the actors one test opened (a @clock journey's clock change reaches them all). */
export class ActorPages {
  private readonly pages: Page[] = [];
  add(page: Page): void {
    this.pages.push(page);
  }
  all(): readonly Page[] {
    return this.pages;
  }
}

export interface ActorSetup {
  browser: Browser;
  baseURL: string;
  /** the project's browser options (viewport, locale, time zone, touch…) */
  contextOptions: BrowserContextOptions;
  slot: Slot;
  user: SlotUser;
  storageState: string;
  trail: RequestTrail;
  clock: ScenarioClock;
  /** today and the vocabulary, for the pages read by their text */
  pageContext: PageContext;
}

export async function openActor(setup: ActorSetup): Promise<{ actor: Actor; close: () => Promise<void> }> {
  const { browser, baseURL, slot, user, storageState, trail, clock } = setup;
  const name = user.key;
  const context = await browser.newContext({ ...setup.contextOptions, baseURL, storageState });
  await trail.attach(context);
  // A run shifted by WITNESS_NOW: the browser's clock runs from the scenario's now too; a clock a
  // @clock journey froze holds in every browser opened after it.
  if (clock.frozenAt) await context.clock.setFixedTime(clock.frozenAt);
  else if (clock.shifted) await context.clock.install({ time: clock.now() });
  const page = await context.newPage();
  const api = await request.newContext({ baseURL, storageState, extraHTTPHeaders: apiHeaders(baseURL) });
  const actor: Actor = {
    name,
    user,
    org: slot.orgs[user.org],
    page,
    api,
    bids: new BidsPage(page, setup.pageContext),
    schedule: new SchedulePage(page),
    routes: new RoutesPage(page),
    notifications: new NotificationsPage(page),
    history: new HistoryPage(page),
    dashboard: new DashboardPage(page),
    warehouses: new WarehousesPage(page),
    drivers: new DriversPage(page),
  };
  return {
    actor,
    close: async () => {
      await api.dispose();
      await context.close();
    },
  };
}

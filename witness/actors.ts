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
import { REQUEST_ID_HEADER, type RequestTrail } from './requests.js';
import { runIsShifted, scenarioNow } from './time.js';

export interface Actor {
  name: string;
  user: SlotUser;
  org: SlotOrg;
  page: Page;
  api: APIRequestContext;
  bids: BidsPage;
  schedule: SchedulePage;
  routes: RoutesPage;
}

/** Sign in through Better Auth's endpoint and save the session; once per actor per slot per run. */
export async function storageStateFor(baseURL: string, slot: Slot, user: SlotUser, password: string, trail: RequestTrail, tag?: string): Promise<string> {
  const name = user.key;
  const file = path.join(authDir(), `slot-${slot.index}`, `${tag ? `${tag}-` : ''}${name}.json`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const ctx = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
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

export async function openActor(
  browser: Browser,
  baseURL: string,
  contextOptions: BrowserContextOptions,
  slot: Slot,
  user: SlotUser,
  storageState: string,
  trail: RequestTrail,
): Promise<{ actor: Actor; close: () => Promise<void> }> {
  const name = user.key;
  const context = await browser.newContext({ ...contextOptions, baseURL, storageState });
  await trail.attach(context);
  // A run shifted by WITNESS_NOW: the browser's clock runs from the scenario's now too.
  if (runIsShifted()) await context.clock.install({ time: scenarioNow() });
  const page = await context.newPage();
  const api = await request.newContext({ baseURL, storageState, extraHTTPHeaders: { origin: baseURL } });
  const actor: Actor = {
    name,
    user,
    org: slot.orgs[user.org],
    page,
    api,
    bids: new BidsPage(page),
    schedule: new SchedulePage(page),
    routes: new RoutesPage(page),
  };
  return {
    actor,
    close: async () => {
      await api.dispose();
      await context.close();
    },
  };
}

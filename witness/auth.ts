/**
 * Sign-in and role-gate checks (AUTH-*): where the browser lands, what the banner says, whether a
 * session row appeared, what a role-gated API answers. Each leaves a screenshot or the rows.
 */
import type { Page, APIRequestContext } from '@playwright/test';
import type { SlotUser } from '../fixtures/slots.js';
import type { WitnessContext } from './witness.js';
import type { CheckRecord } from './evidence.js';
import { InvariantError } from './failure.js';
import { sessionCount } from './probe.js';

export class AuthWitness {
  constructor(private readonly ctx: WitnessContext) {}

  private async finish(
    page: Page | null,
    checkId: string,
    invariantId: string,
    org: string,
    ok: boolean,
    summary: string,
    db: CheckRecord['db'],
    pageInfo?: CheckRecord['page'],
  ): Promise<void> {
    const rowsFile = await this.ctx.record({
      checkId,
      invariantId,
      org,
      ok,
      summary,
      db,
      page: pageInfo,
      shot: page ? { page, outlines: [{ locator: page.locator('h1#page-title, main, form').first(), tone: ok ? 'checked' : 'error' }] } : undefined,
    });
    if (!ok) throw new InvariantError(invariantId, summary, { evidenceFile: rowsFile, details: { url: page?.url() ?? 'n/a' }, rows: db.rows });
  }

  /**
   * After a sign-in or a navigation: wait until the browser has left /sign-in and a page header
   * rendered, then compare where it landed with where it must be.
   */
  async landsOn(page: Page, user: SlotUser, orgLabel: string, expectedPath: string, invariantId: string, what: string): Promise<void> {
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), { timeout: 15_000 }).catch(() => {});
    await page.locator('h1#page-title').waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {});
    const url = new URL(page.url());
    const ok = url.pathname === expectedPath;
    await this.finish(
      page,
      `lands-on-${expectedPath.replace(/\W+/g, '') || 'root'}`,
      invariantId,
      orgLabel,
      ok,
      ok ? `${what}: ${user.email} (${user.role}) landed on ${expectedPath}` : `${what}: ${user.email} (${user.role}) should land on ${expectedPath}, landed on ${url.pathname}${url.search}`,
      { query: 'none (browser location)', params: [], rows: [{ expected: expectedPath, actual: `${url.pathname}${url.search}` }] },
      { url: page.url(), shown: [url.pathname] },
    );
  }

  /** AUTH-003: the banner shows, the browser stays on /sign-in, and no session row appeared. */
  async refusedWithoutSession(page: Page, banner: { textContent(): Promise<string | null>; waitFor(o: { state: 'visible'; timeout: number }): Promise<void> }, user: SlotUser, orgLabel: string, sessionsBefore: number): Promise<void> {
    const shown = await banner.waitFor({ state: 'visible', timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    const text = shown ? ((await banner.textContent()) ?? '').trim() : '';
    const after = await sessionCount(this.ctx.pool, user.id);
    const sessionsAfter = after.rows[0]?.sessions ?? 0;
    const onSignIn = new URL(page.url()).pathname === '/sign-in';
    const ok = shown && /invalid email or password/i.test(text) && onSignIn && sessionsAfter === sessionsBefore;
    await this.finish(
      page,
      'wrong-password',
      'AUTH-003',
      orgLabel,
      ok,
      ok
        ? `wrong password for ${user.email}: banner "${text}", still on /sign-in, sessions ${sessionsBefore} → ${sessionsAfter}`
        : `wrong password for ${user.email}: banner ${shown ? `"${text}"` : 'not shown'}, page ${new URL(page.url()).pathname}, sessions ${sessionsBefore} → ${sessionsAfter}`,
      { query: after.query, params: after.params, rows: [{ sessionsBefore, sessionsAfter, banner: text, url: page.url() }] },
    );
  }

  /** AUTH-004 (API half): a role-gated endpoint answers the wrong role with 403. */
  async apiForbidden(api: APIRequestContext, user: SlotUser, orgLabel: string, path: string): Promise<void> {
    const res = await api.get(path);
    const body = await res.text();
    const ok = res.status() === 403;
    await this.finish(
      null,
      `api-role-gate`,
      'AUTH-004',
      orgLabel,
      ok,
      ok ? `GET ${path} as ${user.role} ${user.email} answered 403` : `GET ${path} as ${user.role} ${user.email} should answer 403, answered ${res.status()}`,
      { query: `GET ${path}`, params: [], rows: [{ status: res.status(), body: body.slice(0, 500) }] },
    );
  }
}

/**
 * Sign-in and role-gate checks (AUTH-*): where the browser lands, what the banner says, whether a
 * session row appeared, what a role-gated API answers. Each leaves a screenshot or the rows.
 */
import { expect, type Page, type Locator, type Response } from '@playwright/test';
import type { SlotUser } from '../../fixtures/slots.js';
import type { Actor } from '../actors.js';
import type { WitnessContext } from '../context.js';
import type { CheckRecord } from '../evidence.js';
import { InvariantError, reportViolation } from '../failure.js';
import { namedSignature } from '../signature.js';
import { sessionCount } from '../probe.js';
import { isPlaywrightTimeout } from '../activity.js';
import { describe, send, type ApiRequest } from './api-request.js';
import { AppShell } from '../../journeys/pages/AppShell.js';
import { SignInPage } from '../../journeys/pages/SignInPage.js';

export class AuthWitness {
  constructor(private readonly ctx: WitnessContext) {}

  private async finish(
    page: Page | null,
    outline: Locator | null,
    checkId: string,
    invariantId: string,
    org: string,
    ok: boolean,
    summary: string,
    db: CheckRecord['db'],
    pageInfo?: CheckRecord['page'],
  ): Promise<void> {
    const signature = namedSignature(invariantId, 'auth', checkId);
    const rowsFile = await this.ctx.record({
      checkId,
      invariantId,
      org,
      ok,
      summary,
      signature,
      db,
      page: pageInfo,
      shot: page ? { page, outlines: outline ? [{ locator: outline, tone: ok ? 'checked' : 'error' }] : [] } : undefined,
    });
    if (!ok) reportViolation(new InvariantError(invariantId, summary, { signature, evidenceFile: rowsFile, details: { url: page?.url() ?? 'n/a' }, rows: db.rows }));
  }

  /**
   * After a sign-in or a navigation: wait until the page has settled (the app shell rendered, or
   * the sign-in page shows its warning), then compare where the browser is with where it must be.
   */
  async landsOn(page: Page, expected: { user: SlotUser; path: string; invariant: 'AUTH-001' | 'AUTH-002' | 'AUTH-004'; what: string }): Promise<void> {
    await this.ctx.check(`witness: ${expected.what} lands on ${expected.path}`, () => this.checkLanding(page, expected));
  }

  private async checkLanding(page: Page, expected: { user: SlotUser; path: string; invariant: string; what: string }): Promise<void> {
    const { user, path: expectedPath, invariant: invariantId, what } = expected;
    const orgLabel = this.ctx.orgLabel(user);
    const checkId = `lands-on-${expectedPath.replace(/\W+/g, '') || 'root'}`;
    await this.ctx.begin(checkId);
    const shell = new AppShell(page);
    const banner = new SignInPage(page).banner;
    const settled = await shell.settle(banner, 'the sign-in warning banner');
    const url = new URL(page.url());
    const bannerText = settled === 'other' ? ((await banner.textContent()) ?? '').trim() : null;
    const ok = settled === 'shell' && url.pathname === expectedPath;
    const where = `${url.pathname}${url.search}${bannerText !== null ? ` with the banner "${bannerText}"` : ''}`;
    await this.finish(
      page,
      settled === 'shell' ? shell.bell : banner,
      checkId,
      invariantId,
      orgLabel,
      ok,
      ok ? `${what}: ${user.email} (${user.role}) landed on ${expectedPath}` : `${what}: ${user.email} (${user.role}) should land on ${expectedPath}, is on ${where}`,
      { query: 'none (browser location)', params: [], rows: [{ expected: expectedPath, actual: `${url.pathname}${url.search}`, banner: bannerText }] },
      { url: page.url(), shown: [url.pathname] },
    );
  }

  /**
   * AUTH-003: after the app answered the sign-in with a refusal, the warning banner shows, the
   * browser stays on /sign-in and no session row appeared. The banner has 5 s to show after the
   * answer; not showing is this check's finding, not a harness wait.
   */
  async refusedWithoutSession(page: Page, answer: Response, expected: { user: SlotUser; sessionsBefore: number }): Promise<void> {
    await this.ctx.check(`witness: the wrong password of ${expected.user.key} is refused without a session`, () => this.checkRefusal(page, answer, expected.user, expected.sessionsBefore));
  }

  private async checkRefusal(page: Page, answer: Response, user: SlotUser, sessionsBefore: number): Promise<void> {
    const orgLabel = this.ctx.orgLabel(user);
    await this.ctx.begin('wrong-password');
    const banner = new SignInPage(page).banner;
    let shown = true;
    try {
      await expect(banner).toBeVisible({ timeout: 5_000 });
    } catch (e) {
      if (!isPlaywrightTimeout(e)) throw e;
      shown = false;
    }
    const text = shown ? ((await banner.textContent()) ?? '').trim() : '';
    const after = await sessionCount(this.ctx.pool, user.id);
    const sessionsAfter = after.rows[0]?.sessions ?? 0;
    const onSignIn = new URL(page.url()).pathname === '/sign-in';
    const refused = answer.status() >= 400 && answer.status() < 500;
    const ok = refused && shown && /invalid email or password/i.test(text) && onSignIn && sessionsAfter === sessionsBefore;
    await this.finish(
      page,
      banner,
      'wrong-password',
      'AUTH-003',
      orgLabel,
      ok,
      ok
        ? `wrong password for ${user.email}: answered ${answer.status()}, banner "${text}", still on /sign-in, sessions ${sessionsBefore} → ${sessionsAfter}`
        : `wrong password for ${user.email}: answered ${answer.status()}, banner ${shown ? `"${text}"` : 'not shown within 5 s'}, page ${new URL(page.url()).pathname}, sessions ${sessionsBefore} → ${sessionsAfter}`,
      { query: after.query, params: after.params, rows: [{ status: answer.status(), sessionsBefore, sessionsAfter, banner: text, url: page.url() }] },
    );
  }

  /** AUTH-004 (API half): a role-gated endpoint answers the wrong role with 403. */
  /** AUTH-004: the request (a path alone is a GET), sent by a user of the wrong role, is answered 403. */
  async apiForbidden(actor: Actor, request: string | ApiRequest): Promise<void> {
    const req: ApiRequest = typeof request === 'string' ? { method: 'GET', path: request } : request;
    await this.ctx.check(`witness: ${describe(req)} answers ${actor.name} 403`, () => this.checkForbidden(actor, req));
  }

  private async checkForbidden(actor: Actor, req: ApiRequest): Promise<void> {
    const { user } = actor;
    await this.ctx.begin('api-role-gate');
    const res = await send(this.ctx.trail, actor, req);
    const ok = res.status === 403;
    const what = describe(req);
    await this.finish(
      null,
      null,
      'api-role-gate',
      'AUTH-004',
      actor.org.label,
      ok,
      ok ? `${what} as ${user.role} ${user.email} answered 403` : `${what} as ${user.role} ${user.email} should answer 403, answered ${res.status}`,
      { query: what, params: [], rows: [{ request: req, status: res.status, body: res.text.slice(0, 500), requestId: res.requestId }] },
    );
  }
}

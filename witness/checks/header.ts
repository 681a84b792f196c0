/**
 * The driver header's counts against the database (WITNESS-003): Needs Confirmation, Available
 * Shifts and the bell's unread count. After an action the header is given 10 s to catch up, read in
 * place with no reload (contract §5.12 saw a count stale after an accept); a count still unequal
 * then is a finding, with every reading of the wait as its evidence.
 */
import type { Actor } from '../actors.js';
import type { WitnessContext } from '../context.js';
import { readHeaderCounts, type HeaderCounts } from '../../journeys/pages/AppShell.js';
import * as probe from '../probe.js';
import { InvariantError, reportViolation } from '../failure.js';
import { namedSignature } from '../signature.js';

/** How long the header may take to catch up with an action (the issue's bound, not a harness wait). */
export const HEADER_CATCH_UP_MS = 10_000;

// Confirmable now, as the header counts it: scheduled, unconfirmed, from Toronto today, inside the
// window of the confirm endpoint (07:00 on the date − 168 h … 07:00 − 48 h, whatever the route's start).
const NEEDS_CONFIRMATION_SQL = `select a.id, a.date from assignments a
  where a.user_id = $1 and a.status = 'scheduled' and a.confirmed_at is null and a.date >= $2
    and $3::timestamptz between ((a.date::text || ' 07:00')::timestamp at time zone 'America/Toronto') - interval '168 hours'
                            and ((a.date::text || ' 07:00')::timestamp at time zone 'America/Toronto') - interval '48 hours'
  order by a.date, a.id`;
const UNREAD_SQL = `select n.id, n.type from notifications n join "user" u on u.id = n.user_id
  where n.user_id = $1 and n.organization_id = u.organization_id and not n.read order by n.created_at desc, n.id`;

type Reading = HeaderCounts & { names: string[]; at: string };

export class HeaderWitness {
  constructor(private readonly ctx: WitnessContext) {}

  private async expected(actor: Actor) {
    const { pool } = this.ctx;
    const now = this.ctx.now();
    const params = [actor.user.id, this.ctx.clock.today(), now];
    const [needs, avail, unread] = await Promise.all([
      pool.query<{ id: string; date: string }>(NEEDS_CONFIRMATION_SQL, params),
      probe.availableWindows(pool, actor.user.id, now),
      pool.query<{ id: string; type: string }>(UNREAD_SQL, [actor.user.id]),
    ]);
    const counts: HeaderCounts = { needsConfirmation: needs.rows.length, availableShifts: avail.rows.length, unread: unread.rows.length };
    return {
      counts,
      db: {
        query: [`-- Needs Confirmation\n${NEEDS_CONFIRMATION_SQL}`, `-- Available Shifts\n${avail.query}`, `-- bell (unread)\n${UNREAD_SQL}`].join('\n'),
        params: [params, avail.params, [actor.user.id]],
        rows: [{ needsConfirmation: needs.rows }, { availableShifts: avail.rows }, { unread: unread.rows }],
      },
    };
  }

  /**
   * The header of the actor's page as it stands (no navigation, no reload) shows the database's
   * counts, read again for up to 10 s after `after` (an action's answer) until they agree.
   */
  async countsMatchDb(actor: Actor, after: string): Promise<void> {
    await this.ctx.check(`witness: the header of ${actor.name} counts what the database holds (${after})`, () => this.check(actor, after));
  }

  private async check(actor: Actor, after: string): Promise<void> {
    const { ctx } = this;
    await ctx.begin('header-counts');
    const readings: Reading[] = [];
    let want = await this.expected(actor);
    const agree = (r: Reading) => (Object.keys(want.counts) as (keyof HeaderCounts)[]).every((k) => r[k] === want.counts[k]);
    const read = async () => {
      want = await this.expected(actor);
      const r = { ...(await readHeaderCounts(actor.page)), at: new Date().toISOString() };
      readings.push(r);
      return r;
    };
    // Still unequal after the bound is the finding (WITNESS-003 below), not a harness timeout.
    const last = await ctx.settle(read, agree, HEADER_CATCH_UP_MS);
    const ok = agree(last);
    const wrong = (Object.keys(want.counts) as (keyof HeaderCounts)[]).filter((k) => last[k] !== want.counts[k]);
    const show = (c: HeaderCounts) => `Needs Confirmation ${c.needsConfirmation}, Available Shifts ${c.availableShifts}, unread ${c.unread}`;
    const summary = ok
      ? `the header of ${actor.user.email} counts ${show(want.counts)}, as the database holds (${after})`
      : `the header of ${actor.user.email} (${actor.org.label}) still reads ${last.names.map((n) => `'${n || '(absent)'}'`).join(', ')} ${HEADER_CATCH_UP_MS / 1000} s after ${after}, with no reload; the database holds ${show(want.counts)} (wrong: ${wrong.join(', ')}; ${readings.length} reading(s))`;
    const signature = namedSignature('WITNESS-003', 'header', wrong.length ? wrong.join('+') : 'counts');
    const tone = ok ? ('checked' as const) : ('error' as const);
    const outlines = [/^Needs Confirmation/, /^Available Shifts/, /^Notifications/].map((name) => ({ locator: actor.page.getByRole('button', { name }).first(), tone }));
    const rowsFile = await ctx.record({
      checkId: 'header-counts',
      invariantId: 'WITNESS-003',
      org: actor.org.label,
      ok,
      summary,
      signature,
      actor: { name: actor.name, id: actor.user.id, org: actor.org.label },
      page: { url: actor.page.url(), shown: readings.map((r) => ({ key: r.names.join(' | '), organizationId: null, text: r.at })) },
      db: want.db,
      shot: { page: actor.page, outlines },
    });
    if (!ok) {
      reportViolation(new InvariantError('WITNESS-003', summary, { signature, evidenceFile: rowsFile, rows: want.db.rows, details: { after, readings: readings.length > 5 ? [...readings.slice(0, 2), `… ${readings.length - 4} more in the evidence …`, ...readings.slice(-2)] : readings } }));
    }
  }
}

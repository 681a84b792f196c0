/**
 * A manager's manual assign (ASSIGN-004; TENANT-001 for another organization's driver offered): the
 * Assign Driver picker offers exactly the drivers a manual assign of that shift allows, and an assign
 * the rules forbid is refused and changes nothing. Judged on the drivers and their week in the database.
 */
import type { Locator } from '@playwright/test';
import type { Actor } from '../actors.js';
import type { Shift } from '../../fixtures/builders.js';
import type { SlotUser } from '../../fixtures/slots.js';
import type { WitnessContext } from '../context.js';
import { compareMultisets, isEmptyDiff } from '../multiset.js';
import { InvariantError, reportViolation } from '../failure.js';
import { namedSignature } from '../signature.js';
import { dbCheck } from './db.js';
import { describe, send, type ApiRequest } from './api-request.js';

// The org's drivers a manual assign of the shift allows: not flagged, fewer non-cancelled
// assignments of the org in the shift's Mon–Sun week than their weekly cap.
const ASSIGNABLE_SQL = `select u.id, u.name, u.is_flagged, u.weekly_cap,
    (select count(*)::int from assignments x join warehouses xw on xw.id = x.warehouse_id
      where x.user_id = u.id and x.status <> 'cancelled' and xw.organization_id = u.organization_id
        and x.date >= ($2::date - ((extract(isodow from $2::date)::int - 1) * interval '1 day'))::date
        and x.date < ($2::date - ((extract(isodow from $2::date)::int - 1) * interval '1 day') + interval '7 days')::date) as week_count
  from "user" u where u.organization_id = $1 and u.role = 'driver' order by u.name, u.id`;
const ORG_OF_NAME_SQL = `select name, organization_id from "user" where name = any($1)`;
const ASSIGNMENT_SQL = `select id, status, user_id, assigned_by from assignments where id = $1`;

type Row = Record<string, unknown>;

export class AssignWitness {
  constructor(private readonly ctx: WitnessContext) {}

  /** The picker of the open Assign Driver dialog offers exactly the drivers the rules allow for the shift. */
  async pickerOffersAllowed(actor: Actor, shift: Shift, dialog: Locator, offered: string[]): Promise<void> {
    await this.ctx.check(`witness: the Assign Driver picker of ${actor.name} offers exactly the drivers a manual assign of ${shift.routeName} on ${shift.date} allows`, async () => {
      await this.ctx.begin('assign-picker');
      const { pool } = this.ctx;
      const drivers = (await pool.query<Row>(ASSIGNABLE_SQL, [shift.org.id, shift.date])).rows;
      const allowed = drivers.filter((d) => !d.is_flagged && Number(d.week_count) < Number(d.weekly_cap));
      const owners = (await pool.query<{ name: string; organization_id: string }>(ORG_OF_NAME_SQL, [offered])).rows;
      const foreign = offered.filter((n) => owners.some((o) => o.name === n && o.organization_id !== shift.org.id));
      const diff = compareMultisets(offered, allowed.map((d) => String(d.name)));
      const ok = isEmptyDiff(diff) && foreign.length === 0;
      const invariantId = foreign.length ? 'TENANT-001' : 'ASSIGN-004';
      const refusedOffered = drivers.filter((d) => diff.extra.includes(String(d.name))).map((d) => `${String(d.name)} (${d.is_flagged ? 'flagged' : `${String(d.week_count)} of cap ${String(d.weekly_cap)} that week`})`);
      const problems = [
        foreign.length && `drivers of another organization: ${foreign.join(', ')}`,
        refusedOffered.length && `drivers a manual assign refuses: ${refusedOffered.join(', ')}`,
        diff.extra.length > refusedOffered.length + foreign.length && `unknown names: ${diff.extra.filter((n) => !foreign.includes(n) && !refusedOffered.some((r) => r.startsWith(n))).join(', ')}`,
        diff.missing.length && `missing: ${diff.missing.join(', ')}`,
        diff.duplicated.length && `twice: ${diff.duplicated.join(', ')}`,
      ].filter(Boolean);
      const summary = ok
        ? `the picker offers the ${allowed.length} driver(s) a manual assign allows: ${offered.join(', ')}`
        : `the Assign Driver picker of ${actor.user.email} (${actor.org.label}) for ${shift.assignmentId} offers ${problems.join('; ')}`;
      const kind = foreign.length ? 'foreign' : [refusedOffered.length ? 'refused' : '', diff.missing.length ? 'missing' : ''].filter(Boolean).join('+') || 'other';
      const signature = namedSignature(invariantId, 'db', ok ? 'assign-picker' : `assign-picker ${kind}`);
      const rowsFile = await this.ctx.record({
        checkId: 'assign-picker',
        invariantId,
        org: actor.org.label,
        ok,
        summary,
        signature,
        actor: { name: actor.name, id: actor.user.id, org: actor.org.label },
        page: { url: actor.page.url(), shown: offered.map((n) => ({ key: n, organizationId: owners.find((o) => o.name === n)?.organization_id ?? null })) },
        db: { query: ASSIGNABLE_SQL, params: [shift.org.id, shift.date], rows: drivers },
        diff: { ...diff, shows: [], lacks: [], foreign },
        shot: { page: actor.page, outlines: [{ locator: dialog, tone: ok ? 'checked' : 'error' }] },
      });
      if (!ok) reportViolation(new InvariantError(invariantId, summary, { signature, evidenceFile: rowsFile, rows: drivers, entities: [shift.assignmentId] }));
    });
  }

  /** An assign of the shift to `driver` is refused with a 4xx and the assignment stays as it was. */
  async assignRefused(actor: Actor, shift: Shift, driver: SlotUser, why: string): Promise<void> {
    const req: ApiRequest = { method: 'POST', path: `/api/assignments/${shift.assignmentId}/assign`, data: { userId: driver.id } };
    const before = (await this.ctx.pool.query<Row>(ASSIGNMENT_SQL, [shift.assignmentId])).rows[0] ?? null;
    const res = await send(this.ctx.trail, actor, req);
    await dbCheck(this.ctx, `assigning ${shift.routeName} on ${shift.date} to ${driver.key} is refused (${why}) and changes nothing`, { checkId: 'assign-refused', invariantId: 'ASSIGN-004', org: shift.org.label }, async () => {
      const after = (await this.ctx.pool.query<Row>(ASSIGNMENT_SQL, [shift.assignmentId])).rows[0] ?? null;
      const unchanged = JSON.stringify(after) === JSON.stringify(before);
      const ok = res.status >= 400 && res.status < 500 && unchanged;
      return {
        ok,
        summary: ok
          ? `${describe(req)} refused with ${res.status} (${res.text.slice(0, 80)}); the assignment unchanged`
          : `${describe(req)} by ${actor.user.email} to ${driver.key} (${why}) answered ${res.status}${unchanged ? '' : ` and made it ${String(after?.status)} held by ${String(after?.user_id)}`}; a manual assign must refuse it`,
        db: { query: ASSIGNMENT_SQL, params: [shift.assignmentId], rows: [{ request: req, status: res.status, body: res.text.slice(0, 500), before, after }] },
        entities: [shift.assignmentId, driver.id],
      };
    });
  }
}

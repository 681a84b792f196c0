/**
 * The witness journeys call: one entry per kind of check — page lists (one witness module per page
 * under witness/pages/), the database, sign-in and role gates, the API — each comparing what a user
 * sees with what PostgreSQL holds and leaving paired evidence (docs/architecture.md#witness-checks).
 */
import type { Actor } from './actors.js';
import type { SlotUser } from '../fixtures/slots.js';
import type { Vocabulary } from '../journeys/pages/parse.js';
import { InvariantError, reportViolation } from './failure.js';
import { namedSignature } from './signature.js';
import * as probe from './probe.js';
import { AuthWitness } from './checks/auth.js';
import { ApiWitness } from './checks/api.js';
import { checkGlobalInvariants } from './invariants/global.js';
import type { WitnessContext } from './context.js';
import { ListWitness } from './checks/list.js';
import { DbWitness } from './checks/db.js';
import { BiddingWitness } from './checks/bidding.js';
import { RaceWitness } from './checks/race.js';
import { HeaderWitness } from './checks/header.js';
import { DriverDayWitness } from './checks/driver-day.js';
import { PermissionsWitness } from './checks/permissions.js';
import { AssignWitness } from './checks/assign.js';
import { scheduleSpec } from './pages/schedule.js';
import { routesSpec } from './pages/routes.js';
import { myBidsSpec } from './pages/my-bids.js';
import { availableShiftsSpec } from './pages/available-shifts.js';
import { notificationsSpec } from './pages/notifications.js';
import { historySpec } from './pages/history.js';
import { dashboardSpec } from './pages/dashboard.js';
import { warehousesSpec } from './pages/warehouses.js';
import { driversSpec } from './pages/drivers.js';
import { loadNames } from './pages/names.js';

export { WitnessContext } from './context.js';

export class Witness {
  readonly db: DbWitness;
  readonly auth: AuthWitness;
  readonly api: ApiWitness;
  readonly bidding: BiddingWitness;
  readonly race: RaceWitness;
  /** the driver header's counts (WITNESS-003) */
  readonly header: HeaderWitness;
  /** a driver's confirm, cancel and shift steps, and marking notifications read */
  readonly day: DriverDayWitness;
  /** owner-only changes: the dispatch settings */
  readonly permissions: PermissionsWitness;
  /** a manager's manual assign: the picker and the refusals */
  readonly assign: AssignWitness;
  constructor(private readonly ctx: WitnessContext) {
    this.db = new DbWitness(ctx);
    this.auth = new AuthWitness(ctx);
    this.api = new ApiWitness(ctx);
    this.bidding = new BiddingWitness(ctx);
    this.race = new RaceWitness(ctx);
    this.header = new HeaderWitness(ctx);
    this.day = new DriverDayWitness(ctx);
    this.permissions = new PermissionsWitness(ctx);
    this.assign = new AssignWitness(ctx);
  }

  /** The global invariants on these orgs; one paired record, a failure names the first violated id. */
  async globalInvariants(orgIds: string[], orgLabel: string): Promise<void> {
    const { checked, violations } = await checkGlobalInvariants(this.ctx.pool, orgIds);
    const ok = violations.length === 0;
    const first = violations[0];
    const summary = ok
      ? `global invariants hold on the slot's orgs (${checked.map((c) => c.id).join(', ')})`
      : violations.map((v) => `${v.id}: ${v.rows.length} offending row(s)`).join('; ');
    const rowsFile = await this.ctx.record({
      checkId: 'global-invariants',
      invariantId: first?.id ?? checked.map((c) => c.id).join(','),
      org: orgLabel,
      ok,
      summary,
      signature: ok ? checked.map((c) => namedSignature(c.id, 'global')).join(', ') : violations.map((v) => namedSignature(v.id, 'global')).join(', '),
      db: { query: checked.map((c) => `-- ${c.id}\n${c.query}`).join('\n'), params: [orgIds], rows: checked.map((c) => ({ invariantId: c.id, rows: c.rows })) },
    });
    // One failure per violated invariant, each with its offending rows (a defect's follow-ons match on their ids).
    for (const v of violations) {
      const ids = v.rows.flatMap((r) => Object.values(r).filter((x): x is string => typeof x === 'string' && /\d/.test(x) && x.length >= 6));
      reportViolation(
        new InvariantError(v.id, `after the journey: ${v.rows.length} offending row(s) on the slot's organizations`, {
          signature: namedSignature(v.id, 'global'),
          entities: [...new Set(ids)],
          evidenceFile: rowsFile,
          rows: v.rows,
        }),
      );
    }
  }

  /** The user's current number of session rows (to prove a refused sign-in created none). */
  async sessionCount(user: SlotUser): Promise<number> {
    return (await probe.sessionCount(this.ctx.pool, user.id)).rows[0]?.sessions ?? 0;
  }

  /** /schedule of an actor, checked against their assignments. */
  schedule(actor: Actor): ListWitness {
    return new ListWitness(this.ctx, scheduleSpec(this.ctx), actor);
  }

  /** /routes of a manager: every route of the linked warehouses with its status today (or on `date`, through the filter). */
  routes(actor: Actor, opts: { date?: string } = {}): ListWitness {
    return new ListWitness(this.ctx, routesSpec(this.ctx, opts.date), actor);
  }

  /** /bids "My Bids" of an actor: each bid with the status the database holds. */
  myBids(actor: Actor): ListWitness {
    return new ListWitness(this.ctx, myBidsSpec(this.ctx), actor);
  }

  /** /bids "Available Shifts" of an actor, checked against the open windows offered to them. */
  availableShifts(actor: Actor): ListWitness {
    return new ListWitness(this.ctx, availableShiftsSpec(this.ctx), actor);
  }

  /** /notifications of an actor (first page), by id and type; `showing(shift)` asks for a row of `type` about it. */
  notifications(actor: Actor, type?: string): ListWitness {
    return new ListWitness(this.ctx, notificationsSpec(this.ctx, type), actor);
  }

  /** /notifications of an actor with every page loaded (infinite scroll), by id, type and read state. */
  allNotifications(actor: Actor): ListWitness {
    return new ListWitness(this.ctx, notificationsSpec(this.ctx, undefined, true), actor);
  }

  /** /history of a driver (first page): her past shifts by id, with each completed one's delivered count. */
  history(actor: Actor): ListWitness {
    return new ListWitness(this.ctx, historySpec(this.ctx), actor);
  }

  /** /dashboard of a driver: today's shift, the Coming Up count and the pending bids shown. */
  dashboard(actor: Actor): ListWitness {
    return new ListWitness(this.ctx, dashboardSpec(this.ctx), actor);
  }

  /** /warehouses of a manager: the warehouses she is linked to in her org, by name and address. */
  warehouses(actor: Actor): ListWitness {
    return new ListWitness(this.ctx, warehousesSpec(this.ctx), actor);
  }

  /** /drivers of a manager: every driver of her org with the weekly cap the database holds. */
  drivers(actor: Actor): ListWitness {
    return new ListWitness(this.ctx, driversSpec(this.ctx), actor);
  }

  /** The vocabulary to read text-only lists with (every route and warehouse name). */
  async vocabulary(): Promise<Vocabulary> {
    return (await loadNames(this.ctx.pool)).vocab;
  }
}

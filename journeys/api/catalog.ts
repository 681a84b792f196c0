/**
 * The catalog probe of the writes (witness/contract/endpoints.ts): for each write entry, what makes
 * it callable in an organization (the precondition, built by the world's builders), the call and
 * the shape of its answer. `CatalogProbe.write(entry)` runs one entry:
 * - `id-bearing`: the call succeeds for its role in org A (the positive control); then, for each id
 *   field in turn (path and body, one at a time), the same call with org B's id in that field — the
 *   other fields from a fresh org-A twin — is refused, changes nothing and leaks nothing;
 * - `self`: the call succeeds and leaves org B as it was;
 * - `owner-only`: the owner's call succeeds, another manager's is refused with 403;
 * - and the other role is refused with 403.
 * API-006 runs every entry (docs/architecture.md#controls). API-001, API-002 and API-003 still
 * write their own refusals; they are to become subsets of this probe.
 */
import type { z } from 'zod';
import { test } from '../../witness/test.js';
import type { Actor } from '../../witness/actors.js';
import type { Witness } from '../../witness/witness.js';
import type { World, Shift } from '../../fixtures/builders.js';
import type { ActorName, OrgKey, SlotUser } from '../../fixtures/slots.js';
import { foreignMarks, type ApiRequest, type ForeignMarks } from '../../witness/checks/api.js';
import * as Contract from '../../witness/contract/responses.js';
import { ENDPOINTS, type Endpoint } from '../../witness/contract/endpoints.js';
import { routeStartLaterToday } from '../../witness/time.js';

/** The ids one call names, by path parameter or body field. */
export type Ids = Record<string, string | string[]>;

export interface Recipe {
  /** who calls it in org A: its role's baseline user, or a scenario user of the recipe's own */
  caller: () => Promise<Actor>;
  /**
   * who sends the refusals, when not the caller: a driver with a shift under way is refused another
   * (409) before any org check, so §4.2's refusals come from a driver of org A with none
   */
  prober?: () => Promise<Actor>;
  /** builds, in org `o`, what one call needs; the ids it names */
  make(o: OrgKey): Promise<Ids>;
  call(ids: Ids): ApiRequest;
  schema: z.ZodTypeAny;
  /**
   * Fields that go with a probed field to org B: `{ id: ['userId'] }` probes org B's warehouse
   * with a manager linked to it, since a link of org A's manager would be refused by its absence.
   */
  with?: Record<string, string[]>;
  /** why the entry cannot be called now (null: it can) */
  unavailable?: () => string | null;
}

export interface ProbeDeps {
  world: World;
  actor: (who: ActorName | SlotUser) => Promise<Actor>;
  witness: Witness;
  now: () => Date;
  password: string;
}

const one = (v: string | string[] | undefined): string => {
  if (typeof v !== 'string') throw new Error(`HARNESS-001 catalog: expected one id, got ${JSON.stringify(v)}`);
  return v;
};

export class CatalogProbe {
  readonly recipes: Record<string, Recipe>;
  /** org B's rows no answer may name (the ids every probe built are added as it goes) */
  readonly marks: ForeignMarks;
  private day = 7;
  private n = 0;
  private daysAgo = 1;
  private dayShiftA: Shift | undefined;
  private dayRoutes: Partial<Record<OrgKey, Promise<{ id: string; name: string; startTime: string }>>> = {};
  private scenarioActors = new Map<string, Promise<Actor>>();

  constructor(private readonly d: ProbeDeps) {
    this.marks = foreignMarks(d.world.slot.orgs.B, []);
    this.recipes = this.build();
  }

  /** A date for one shift of the probe: each its own, so no driver holds two on a day. */
  private nextDay(): number {
    return ++this.day;
  }

  private unique(): number {
    return ++this.n;
  }

  private scenarioActor(key: string, role: 'driver' | 'manager'): Promise<Actor> {
    let a = this.scenarioActors.get(key);
    if (!a) {
      a = this.d.world.orgA.user({ key, role }).then((u) => this.d.actor(u));
      this.scenarioActors.set(key, a);
    }
    return a;
  }

  /** A route of org `o` starting later today (the arrival cutoff ahead). */
  private dayRoute(o: OrgKey) {
    const start = routeStartLaterToday(this.d.now());
    if (!start) throw new Error('HARNESS-001 catalog: no route start remains today');
    return (this.dayRoutes[o] ??= this.d.world.org(o).addRoute('catalog today', start));
  }

  /** Today's shift at `stage`: org A's is the one its driver carries through the day, org B's each a driver of its own. */
  private async todays(o: OrgKey, stage: 'confirmed' | 'arrived' | 'started' | 'completed'): Promise<Ids> {
    const route = await this.dayRoute(o);
    if (o === 'A') {
      const driver = (await this.scenarioActor('day', 'driver')).user;
      this.dayShiftA ??= await this.d.world.orgA.shiftToday(driver, { route, stage });
      return { assignmentId: this.dayShiftA.assignmentId };
    }
    const driver = await this.d.world.orgB.user({ key: `day${stage}`, role: 'driver' });
    return { assignmentId: (await this.d.world.orgB.shiftToday(driver, { route, stage })).assignmentId };
  }

  private build(): Record<string, Recipe> {
    const { world } = this.d;
    const { orgs, users } = world.slot;
    const org = (o: OrgKey) => world.org(o);
    const driver = (o: OrgKey) => (o === 'A' ? users.driverA1 : users.driverB1);
    const otherDriver = (o: OrgKey) => (o === 'A' ? users.driverA2 : users.driverB1);
    const manager = (o: OrgKey) => (o === 'A' ? users.managerA : users.managerB);
    const asDriver = () => this.d.actor('driverA1');
    const asManager = () => this.d.actor('managerA');
    const throwaway = (key: string) => () => this.scenarioActor(key, 'driver');
    const idleDriver = () => this.scenarioActor('dayidle', 'driver');
    const noDayLeft = () => (routeStartLaterToday(this.d.now()) ? null : 'the Toronto day has under three minutes left: no route start remains ahead for an arrival');
    const path = (p: string, ids: Ids) => p.replace(/\{(\w+)\}/g, (_, k: string) => one(ids[k]));
    const open = async (o: OrgKey, mode: 'instant' | 'competitive' = 'instant') => org(o).openShift({ mode, inDays: this.nextDay() });

    const r: Record<string, Recipe> = {
      // §4.1
      'POST /api/assignments/{id}/confirm': {
        caller: asDriver,
        // Four days out: inside the confirmation window (07:00 − 168 h … 07:00 − 48 h) at any hour.
        make: async (o) => ({ id: (await org(o).scheduledShift(driver(o), { inDays: 4 })).assignmentId }),
        call: (ids) => ({ method: 'POST', path: path('/api/assignments/{id}/confirm', ids) }),
        schema: Contract.ConfirmOk,
      },
      'POST /api/assignments/{id}/cancel': {
        caller: asDriver,
        make: async (o) => ({ id: (await org(o).scheduledShift(driver(o), { inDays: 5 })).assignmentId }),
        call: (ids) => ({ method: 'POST', path: path('/api/assignments/{id}/cancel', ids), data: { reason: 'other' } }),
        schema: Contract.CancelOk,
      },
      'PUT /api/preferences': {
        caller: asDriver,
        make: async (o) => ({ preferredRoutes: [orgs[o].route.id] }),
        call: (ids) => ({ method: 'PUT', path: '/api/preferences', data: { preferredDays: [1, 2], preferredRoutes: ids.preferredRoutes } }),
        schema: Contract.PreferencesOk,
      },
      // §4.2: org A's driver carries one shift through the day; org B's twin of each stage is its own.
      'POST /api/shifts/arrive': {
        caller: throwaway('day'),
        prober: idleDriver,
        make: (o) => this.todays(o, 'confirmed'),
        call: (ids) => ({ method: 'POST', path: '/api/shifts/arrive', data: { assignmentId: ids.assignmentId } }),
        schema: Contract.ArriveOk,
        unavailable: noDayLeft,
      },
      'POST /api/shifts/start': {
        caller: throwaway('day'),
        prober: idleDriver,
        make: (o) => this.todays(o, 'arrived'),
        call: (ids) => ({ method: 'POST', path: '/api/shifts/start', data: { assignmentId: ids.assignmentId, parcelsStart: 100 } }),
        schema: Contract.StartOk,
        unavailable: noDayLeft,
      },
      'POST /api/shifts/complete': {
        caller: throwaway('day'),
        prober: idleDriver,
        make: (o) => this.todays(o, 'started'),
        call: (ids) => ({ method: 'POST', path: '/api/shifts/complete', data: { assignmentId: ids.assignmentId, parcelsReturned: 2 } }),
        schema: Contract.CompleteOk,
        unavailable: noDayLeft,
      },
      'PATCH /api/shifts/{assignmentId}/edit': {
        caller: throwaway('day'),
        prober: idleDriver,
        make: (o) => this.todays(o, 'completed'),
        call: (ids) => ({ method: 'PATCH', path: path('/api/shifts/{assignmentId}/edit', ids), data: { parcelsReturned: 3 } }),
        schema: Contract.ShiftEditOk,
        unavailable: noDayLeft,
      },
      // §4.3
      'POST /api/bids': {
        caller: asDriver,
        make: async (o) => ({ assignmentId: (await org(o).openShift({ mode: 'instant', inDays: o === 'A' ? 1 : 2 })).assignmentId }),
        call: (ids) => ({ method: 'POST', path: '/api/bids', data: { assignmentId: ids.assignmentId } }),
        schema: Contract.BidWon,
      },
      // §4.4
      'POST /api/assignments/{id}/override': {
        caller: asManager,
        make: async (o) => ({ id: (await open(o, 'competitive')).assignmentId, driverId: otherDriver(o).id }),
        call: (ids) => ({ method: 'POST', path: path('/api/assignments/{id}/override', ids), data: { action: 'reassign', driverId: ids.driverId } }),
        schema: Contract.OverrideOk,
      },
      'POST /api/assignments/{id}/assign': {
        caller: asManager,
        make: async (o) => ({ id: (await open(o)).assignmentId, userId: otherDriver(o).id }),
        call: (ids) => ({ method: 'POST', path: path('/api/assignments/{id}/assign', ids), data: { userId: ids.userId } }),
        schema: Contract.AssignOk,
      },
      'POST /api/assignments/{id}/emergency-reopen': {
        caller: asManager,
        make: async (o) => ({ id: (await org(o).scheduledShift(otherDriver(o), { inDays: this.nextDay() })).assignmentId }),
        call: (ids) => ({ method: 'POST', path: path('/api/assignments/{id}/emergency-reopen', ids) }),
        schema: Contract.EmergencyReopenOk,
      },
      'POST /api/bid-windows/{id}/close': {
        caller: asManager,
        make: async (o) => ({ id: one((await open(o)).bidWindowId ?? undefined) }),
        call: (ids) => ({ method: 'POST', path: path('/api/bid-windows/{id}/close', ids) }),
        schema: Contract.BidWindowOk,
      },
      'POST /api/bid-windows/{id}/assign': {
        caller: asManager,
        make: async (o) => ({ id: one((await open(o)).bidWindowId ?? undefined), driverId: driver(o).id }),
        call: (ids) => ({ method: 'POST', path: path('/api/bid-windows/{id}/assign', ids), data: { driverId: ids.driverId } }),
        schema: Contract.BidWindowOk,
      },
      // §4.5
      'POST /api/routes': {
        caller: asManager,
        make: async (o) => ({ warehouseId: orgs[o].warehouse.id, managerId: manager(o).id }),
        call: (ids) => ({ method: 'POST', path: '/api/routes', data: { name: `Catalog route ${this.unique()}`, warehouseId: ids.warehouseId, startTime: '09:00', managerId: ids.managerId } }),
        schema: Contract.RouteOk,
      },
      'PATCH /api/routes/{id}': {
        caller: asManager,
        make: async (o) => ({ id: (await org(o).addRoute(`catalog ${this.unique()}`)).id, warehouseId: orgs[o].warehouse.id, managerId: manager(o).id }),
        call: (ids) => ({ method: 'PATCH', path: path('/api/routes/{id}', ids), data: { startTime: '09:30', warehouseId: ids.warehouseId, managerId: ids.managerId } }),
        schema: Contract.RouteOk,
      },
      'DELETE /api/routes/{id}': {
        caller: asManager,
        make: async (o) => ({ id: (await org(o).addRoute(`catalog ${this.unique()}`)).id }),
        call: (ids) => ({ method: 'DELETE', path: path('/api/routes/{id}', ids) }),
        schema: Contract.Success,
      },
      // §4.6
      'POST /api/warehouses': {
        caller: asManager,
        make: async () => ({}),
        call: () => ({ method: 'POST', path: '/api/warehouses', data: { name: `Catalog warehouse ${this.unique()}`, address: '1 Catalog Way' } }),
        schema: Contract.WarehouseOk,
      },
      'PATCH /api/warehouses/{id}': {
        caller: asManager,
        make: async (o) => ({ id: orgs[o].warehouse.id }),
        // org A's own address: the control changes nothing; on org B's warehouse it would.
        call: (ids) => ({ method: 'PATCH', path: path('/api/warehouses/{id}', ids), data: { address: orgs.A.warehouse.address } }),
        schema: Contract.WarehouseOk,
      },
      'DELETE /api/warehouses/{id}': {
        caller: asManager,
        make: async (o) => ({ id: (await org(o).addWarehouse(`catalog ${this.unique()}`)).id }),
        call: (ids) => ({ method: 'DELETE', path: path('/api/warehouses/{id}', ids) }),
        schema: Contract.Success,
      },
      'POST /api/warehouses/{id}/managers': {
        caller: asManager,
        make: async (o) => ({ id: orgs[o].warehouse.id, userId: (await org(o).user({ key: `catalogmgr${this.unique()}`, role: 'manager' })).id }),
        call: (ids) => ({ method: 'POST', path: path('/api/warehouses/{id}/managers', ids), data: { userId: ids.userId } }),
        schema: Contract.WarehouseManagerLinked,
      },
      'DELETE /api/warehouses/{id}/managers': {
        caller: asManager,
        make: async (o) => {
          const m = await org(o).user({ key: `catalogmgr${this.unique()}`, role: 'manager' });
          await org(o).linkManager(orgs[o].warehouse.id, m);
          return { id: orgs[o].warehouse.id, userId: m.id };
        },
        call: (ids) => ({ method: 'DELETE', path: path('/api/warehouses/{id}/managers', ids), data: { userId: ids.userId } }),
        schema: Contract.Success,
        with: { id: ['userId'] },
      },
      // §4.7
      'PATCH /api/drivers/{id}': {
        caller: asManager,
        // the cap every baseline driver has: the control changes nothing
        make: async (o) => ({ id: otherDriver(o).id }),
        call: (ids) => ({ method: 'PATCH', path: path('/api/drivers/{id}', ids), data: { weeklyCap: 4 } }),
        schema: Contract.DriverOk,
      },
      'PATCH /api/drivers/{id}/shifts/{assignmentId}/edit': {
        caller: asManager,
        make: async (o) => {
          const done = await org(o).completedShift(otherDriver(o), { daysAgo: ++this.daysAgo, parcelsStart: 80, parcelsReturned: 2 });
          return { id: otherDriver(o).id, assignmentId: done.assignmentId };
        },
        call: (ids) => ({ method: 'PATCH', path: path('/api/drivers/{id}/shifts/{assignmentId}/edit', ids), data: { parcelsReturned: 3 } }),
        schema: Contract.Success,
        with: { id: ['assignmentId'] },
      },
      'POST /api/onboarding': {
        caller: asManager,
        make: async () => ({}),
        call: () => ({ method: 'POST', path: '/api/onboarding', data: { kind: 'approval', email: `catalog${this.unique()}@e2e.test` } }),
        schema: Contract.OnboardingEntryOk,
      },
      'PATCH /api/onboarding/{id}/revoke': {
        caller: asManager,
        make: async (o) => ({ id: await org(o).onboardingEntry(`revoke${this.unique()}@e2e.test`) }),
        call: (ids) => ({ method: 'PATCH', path: path('/api/onboarding/{id}/revoke', ids) }),
        schema: Contract.OnboardingEntryOk,
      },
      'PATCH /api/onboarding/{id}/restore': {
        caller: asManager,
        make: async (o) => ({ id: await org(o).onboardingEntry(`restore${this.unique()}@e2e.test`, { revoked: true }) }),
        call: (ids) => ({ method: 'PATCH', path: path('/api/onboarding/{id}/restore', ids) }),
        schema: Contract.OnboardingEntryOk,
      },
      // §4.8
      'PATCH /api/notifications/{id}/read': {
        caller: asDriver,
        make: async (o) => ({ id: (await org(o).notifications(driver(o), 1, { types: ['bid_open'] }))[0]! }),
        call: (ids) => ({ method: 'PATCH', path: path('/api/notifications/{id}/read', ids) }),
        schema: Contract.Success,
      },
      'POST /api/notifications/mark-all-read': {
        caller: asDriver,
        make: async () => ({}),
        call: () => ({ method: 'POST', path: '/api/notifications/mark-all-read' }),
        schema: Contract.MarkAllReadOk,
      },
      'PATCH /api/users/locale': {
        caller: throwaway('catalogself'),
        make: async () => ({}),
        call: () => ({ method: 'PATCH', path: '/api/users/locale', data: { locale: 'en' } }),
        schema: Contract.Success,
      },
      'POST /api/users/fcm-token': {
        caller: throwaway('catalogself'),
        make: async () => ({}),
        call: () => ({ method: 'POST', path: '/api/users/fcm-token', data: { token: `catalog-token-${world.slot.index}-${this.unique()}` } }),
        schema: Contract.Success,
      },
      'DELETE /api/users/fcm-token': {
        caller: throwaway('catalogself'),
        make: async () => ({}),
        call: () => ({ method: 'DELETE', path: '/api/users/fcm-token' }),
        schema: Contract.Success,
      },
      'PATCH /api/users/me': {
        caller: throwaway('catalogself'),
        // a new name, the e-mail it has
        make: async () => ({ email: (await this.scenarioActor('catalogself', 'driver')).user.email }),
        call: (ids) => ({ method: 'PATCH', path: '/api/users/me', data: { name: 'Catalog Self', email: ids.email, phone: null } }),
        schema: Contract.UserOk,
      },
      'POST /api/users/password': {
        caller: throwaway('catalogpassword'),
        make: async () => ({}),
        call: () => ({ method: 'POST', path: '/api/users/password', data: { currentPassword: this.d.password, newPassword: `${this.d.password}-changed` } }),
        schema: Contract.Success,
      },
      'PATCH /api/settings/dispatch': {
        caller: asManager,
        // org A's bonus as it stands: the owner's call changes nothing
        make: async () => ({ bonus: String(await this.currentBonus()) }),
        call: (ids) => ({ method: 'PATCH', path: '/api/settings/dispatch', data: { emergencyBonusPercent: Number(ids.bonus) } }),
        schema: Contract.DispatchSettingsOk,
      },
    };
    return r;
  }

  /** Every write entry `filter` keeps, in catalog order. */
  async writes(filter: (e: Endpoint) => boolean): Promise<void> {
    for (const e of ENDPOINTS.filter((x) => x.method !== 'GET' && filter(x))) await this.write(e);
  }

  /** One write entry, probed as its kind asks (see the module's header). */
  async write(e: Endpoint): Promise<void> {
    const key = `${e.method} ${e.path}`;
    const r = this.recipes[key];
    if (!r) throw new Error(`HARNESS-001 the catalog probe has no recipe for ${key}: add it to journeys/api/catalog.ts`);
    const { witness } = this.d;
    const why = r.unavailable?.();
    if (why) {
      test.info().annotations.push({ type: 'not probed', description: `${key}: ${why}` });
      return;
    }
    const caller = await r.caller();
    const own = await r.make('A');
    const control = r.call(own);
    if (e.kind === 'self' || e.kind === 'owner-only') {
      await witness.api.leavesOtherOrg(caller, control, r.schema, this.marks);
      if (e.kind === 'owner-only') {
        const notOwner = await this.scenarioActor('catalogmanager', 'manager');
        await witness.permissions.refusedChange(notOwner, r.call(own), this.d.world.slot.orgs.A);
      }
    } else {
      await witness.api.control(caller, control, r.schema);
      const prober = r.prober ? await r.prober() : caller;
      const b = await r.make('B');
      this.addMarks(b);
      for (const f of e.ids ?? []) {
        // one id field: org B's entity as it is; more: a fresh org-A twin with this field (and its `with`) from org B
        const ids: Ids = (e.ids?.length ?? 0) > 1 ? { ...(await r.make('A')), [f.name]: b[f.name]! } : { ...b };
        for (const w of r.with?.[f.name] ?? []) ids[w] = b[w]!;
        await witness.api.refused(prober, r.call(ids), this.marks);
      }
    }
    if (e.role !== 'any') {
      const wrong = await this.d.actor(e.role === 'manager' ? 'driverA1' : 'managerA');
      await witness.auth.apiForbidden(wrong, control);
    }
  }

  private addMarks(ids: Ids): void {
    for (const v of Object.values(ids)) for (const x of Array.isArray(v) ? v : [v]) if (!this.marks.ids.includes(x)) this.marks.ids.push(x);
  }

  private async currentBonus(): Promise<number> {
    const s = await this.d.witness.permissions.settingsOf(this.d.world.slot.orgs.A);
    return Number(s.row?.emergency_bonus_percent ?? 20);
  }
}

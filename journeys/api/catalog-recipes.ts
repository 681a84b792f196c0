/**
 * What makes each write of the endpoint catalog (witness/contract/endpoints.ts) callable in an
 * organization: who calls it, the precondition the world's builders make, the call and the shape of
 * its answer. Keyed `METHOD /path`; `CatalogProbe` (./catalog.ts) runs them.
 */
import type { z } from 'zod';
import type { Actor } from '../../witness/actors.js';
import type { Witness } from '../../witness/witness.js';
import type { World, Shift } from '../../fixtures/builders.js';
import type { ActorName, OrgKey, SlotUser } from '../../fixtures/slots.js';
import type { ApiRequest } from '../../witness/checks/api.js';
import * as Contract from '../../witness/contract/responses.js';
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

export const one = (v: string | string[] | undefined): string => {
  if (typeof v !== 'string') throw new Error(`HARNESS-001 catalog: expected one id, got ${JSON.stringify(v)}`);
  return v;
};

/**
 * The recipes of one probe. Their state: every shift gets its own date (no driver holds two on a
 * day, and a refusal never passes for "already has a shift that day"); org A's §4.2 shift is one,
 * carried through the day by its driver.
 */
/** The stage today's shift is at before a step of §4.2. */
type Stage = 'confirmed' | 'arrived' | 'started' | 'completed';

export function writeRecipes(d: ProbeDeps, scenarioActor: (key: string, role: 'driver' | 'manager') => Promise<Actor>): Record<string, Recipe> {
  let day = 7;
  let n = 0;
  let daysAgo = 1;
  let dayShiftA: Shift | undefined;
  const dayRoutes: Partial<Record<OrgKey, Promise<{ id: string; name: string; startTime: string }>>> = {};
  const nextDay = () => ++day;
  const unique = () => ++n;
  /** A route of org `o` starting later today (the arrival cutoff ahead). */
  const dayRoute = (o: OrgKey) => {
    const start = routeStartLaterToday(d.now());
    if (!start) throw new Error('HARNESS-001 catalog: no route start remains today');
    return (dayRoutes[o] ??= d.world.org(o).addRoute('catalog today', start));
  };
  /** Today's shift at `stage`: org A's is the one its driver carries through the day, org B's each a driver of its own. */
  const todays = async (o: OrgKey, stage: Stage): Promise<Ids> => {
    const route = await dayRoute(o);
    if (o === 'A') {
      const driver = (await scenarioActor('day', 'driver')).user;
      dayShiftA ??= await d.world.orgA.shiftToday(driver, { route, stage });
      return { assignmentId: dayShiftA.assignmentId };
    }
    const driver = await d.world.orgB.user({ key: `day${stage}`, role: 'driver' });
    return { assignmentId: (await d.world.orgB.shiftToday(driver, { route, stage })).assignmentId };
  };
  const currentBonus = async () => {
    const s = await d.witness.permissions.settingsOf(d.world.slot.orgs.A);
    return Number(s.row?.emergency_bonus_percent ?? 20);
  };
  const { world } = d;
  const { orgs, users } = world.slot;
  const org = (o: OrgKey) => world.org(o);
  const driver = (o: OrgKey) => (o === 'A' ? users.driverA1 : users.driverB1);
  const otherDriver = (o: OrgKey) => (o === 'A' ? users.driverA2 : users.driverB1);
  const manager = (o: OrgKey) => (o === 'A' ? users.managerA : users.managerB);
  const asDriver = () => d.actor('driverA1');
  const asManager = () => d.actor('managerA');
  const throwaway = (key: string) => () => scenarioActor(key, 'driver');
  const idleDriver = () => scenarioActor('dayidle', 'driver');
  const noDayLeft = () => (routeStartLaterToday(d.now()) ? null : 'the Toronto day has under three minutes left: no route start remains ahead for an arrival');
  const path = (p: string, ids: Ids) => p.replace(/\{(\w+)\}/g, (_, k: string) => one(ids[k]));
  /**
   * One step of today's shift (§4.2): called by the driver who carries it, on today's shift at the
   * stage before the step; its refusals sent by an idle driver; not callable when the day is over.
   */
  const dayStep = (stage: Stage, call: Recipe['call'], schema: z.ZodTypeAny): Recipe => ({
    caller: () => scenarioActor('day', 'driver'),
    prober: idleDriver,
    make: (o) => todays(o, stage),
    call,
    schema,
    unavailable: noDayLeft,
  });
  const open = async (o: OrgKey, mode: 'instant' | 'competitive' = 'instant') => org(o).openShift({ mode, inDays: nextDay() });

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
    'POST /api/shifts/arrive': dayStep('confirmed', (ids) => ({ method: 'POST', path: '/api/shifts/arrive', data: { assignmentId: ids.assignmentId } }), Contract.ArriveOk),
    'POST /api/shifts/start': dayStep('arrived', (ids) => ({ method: 'POST', path: '/api/shifts/start', data: { assignmentId: ids.assignmentId, parcelsStart: 100 } }), Contract.StartOk),
    'POST /api/shifts/complete': dayStep('started', (ids) => ({ method: 'POST', path: '/api/shifts/complete', data: { assignmentId: ids.assignmentId, parcelsReturned: 2 } }), Contract.CompleteOk),
    'PATCH /api/shifts/{assignmentId}/edit': dayStep('completed', (ids) => ({ method: 'PATCH', path: path('/api/shifts/{assignmentId}/edit', ids), data: { parcelsReturned: 3 } }), Contract.ShiftEditOk),
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
      make: async (o) => ({ id: (await org(o).scheduledShift(otherDriver(o), { inDays: nextDay() })).assignmentId }),
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
      call: (ids) => ({ method: 'POST', path: '/api/routes', data: { name: `Catalog route ${unique()}`, warehouseId: ids.warehouseId, startTime: '09:00', managerId: ids.managerId } }),
      schema: Contract.RouteOk,
    },
    'PATCH /api/routes/{id}': {
      caller: asManager,
      make: async (o) => ({ id: (await org(o).addRoute(`catalog ${unique()}`)).id, warehouseId: orgs[o].warehouse.id, managerId: manager(o).id }),
      call: (ids) => ({ method: 'PATCH', path: path('/api/routes/{id}', ids), data: { startTime: '09:30', warehouseId: ids.warehouseId, managerId: ids.managerId } }),
      schema: Contract.RouteOk,
    },
    'DELETE /api/routes/{id}': {
      caller: asManager,
      make: async (o) => ({ id: (await org(o).addRoute(`catalog ${unique()}`)).id }),
      call: (ids) => ({ method: 'DELETE', path: path('/api/routes/{id}', ids) }),
      schema: Contract.Success,
    },
    // §4.6
    'POST /api/warehouses': {
      caller: asManager,
      make: async () => ({}),
      call: () => ({ method: 'POST', path: '/api/warehouses', data: { name: `Catalog warehouse ${unique()}`, address: '1 Catalog Way' } }),
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
      make: async (o) => ({ id: (await org(o).addWarehouse(`catalog ${unique()}`)).id }),
      call: (ids) => ({ method: 'DELETE', path: path('/api/warehouses/{id}', ids) }),
      schema: Contract.Success,
    },
    'POST /api/warehouses/{id}/managers': {
      caller: asManager,
      make: async (o) => ({ id: orgs[o].warehouse.id, userId: (await org(o).user({ key: `catalogmgr${unique()}`, role: 'manager' })).id }),
      call: (ids) => ({ method: 'POST', path: path('/api/warehouses/{id}/managers', ids), data: { userId: ids.userId } }),
      schema: Contract.WarehouseManagerLinked,
    },
    'DELETE /api/warehouses/{id}/managers': {
      caller: asManager,
      make: async (o) => {
        const m = await org(o).user({ key: `catalogmgr${unique()}`, role: 'manager' });
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
        const done = await org(o).completedShift(otherDriver(o), { daysAgo: ++daysAgo, parcelsStart: 80, parcelsReturned: 2 });
        return { id: otherDriver(o).id, assignmentId: done.assignmentId };
      },
      call: (ids) => ({ method: 'PATCH', path: path('/api/drivers/{id}/shifts/{assignmentId}/edit', ids), data: { parcelsReturned: 3 } }),
      schema: Contract.Success,
      with: { id: ['assignmentId'] },
    },
    'POST /api/onboarding': {
      caller: asManager,
      make: async () => ({}),
      call: () => ({ method: 'POST', path: '/api/onboarding', data: { kind: 'approval', email: `catalog${unique()}@e2e.test` } }),
      schema: Contract.OnboardingEntryOk,
    },
    'PATCH /api/onboarding/{id}/revoke': {
      caller: asManager,
      make: async (o) => ({ id: await org(o).onboardingEntry(`revoke${unique()}@e2e.test`) }),
      call: (ids) => ({ method: 'PATCH', path: path('/api/onboarding/{id}/revoke', ids) }),
      schema: Contract.OnboardingEntryOk,
    },
    'PATCH /api/onboarding/{id}/restore': {
      caller: asManager,
      make: async (o) => ({ id: await org(o).onboardingEntry(`restore${unique()}@e2e.test`, { revoked: true }) }),
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
      call: () => ({ method: 'POST', path: '/api/users/fcm-token', data: { token: `catalog-token-${world.slot.index}-${unique()}` } }),
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
      make: async () => ({ email: (await scenarioActor('catalogself', 'driver')).user.email }),
      call: (ids) => ({ method: 'PATCH', path: '/api/users/me', data: { name: 'Catalog Self', email: ids.email, phone: null } }),
      schema: Contract.UserOk,
    },
    'POST /api/users/password': {
      caller: throwaway('catalogpassword'),
      make: async () => ({}),
      call: () => ({ method: 'POST', path: '/api/users/password', data: { currentPassword: d.password, newPassword: `${d.password}-changed` } }),
      schema: Contract.Success,
    },
    'PATCH /api/settings/dispatch': {
      caller: asManager,
      // org A's bonus as it stands: the owner's call changes nothing
      make: async () => ({ bonus: String(await currentBonus()) }),
      call: (ids) => ({ method: 'PATCH', path: '/api/settings/dispatch', data: { emergencyBonusPercent: Number(ids.bonus) } }),
      schema: Contract.DispatchSettingsOk,
    },
  };
  return r;
}

/**
 * The catalog probe (witness/contract/endpoints.ts): every org-scoped endpoint, probed as its kind
 * asks, from one place. The journeys that probe tenant isolation are its subsets: API-006 runs
 * every entry; API-001 (manager) and API-002 (driver) one entry per endpoint family, @smoke;
 * API-003 the override entry once per action, on the states it sets up (docs/architecture.md#controls).
 * - A read: it answers its role in org A with its contract shape and holds nothing of org B (with
 *   the queries that choose other rows, `READ_QUERIES`); an id-bearing one, with org B's id, is
 *   refused after its control.
 * - A write (recipes in ./catalog-recipes.ts), `id-bearing`: the call succeeds for its role in
 *   org A (the positive control); then, for each id field in turn (path and body, one at a time),
 *   the same call with org B's id in that field — the other fields from a fresh org-A twin — is
 *   refused, changes nothing and leaks nothing. `self`: the call succeeds and leaves org B as it
 *   was. `owner-only`: the owner's call succeeds, another manager's is refused with 403.
 * - And every role-bound entry is refused with 403 to the other role.
 */
import type { z } from 'zod';
import { test } from '../../witness/test.js';
import type { Actor } from '../../witness/actors.js';
import type { OrgKey } from '../../fixtures/slots.js';
import { foreignMarks, type ApiRequest, type ForeignMarks, type Outcome } from '../../witness/checks/api.js';
import * as Contract from '../../witness/contract/responses.js';
import { ENDPOINTS, type Endpoint } from '../../witness/contract/endpoints.js';
import { torontoDate, weekStart, type ScenarioClock } from '../../witness/time.js';
import { writeRecipes, type Ids, type ProbeDeps, type Recipe } from './catalog-recipes.js';

export type { Ids, ProbeDeps } from './catalog-recipes.js';

/** The shape each read of the catalog answers with (contract §4); a read missing here fails its journey. */
const SHAPES: Record<string, z.ZodTypeAny> = {
  '/api/assignments/mine': Contract.AssignmentsMine,
  '/api/dashboard': Contract.Dashboard,
  '/api/metrics': Contract.Metrics,
  '/api/history': Contract.HistoryList,
  '/api/driver-health': Contract.HealthResponse,
  '/api/preferences': Contract.PreferencesOk,
  '/api/preferences/routes': Contract.PreferenceRoutes,
  '/api/bids/available': Contract.BidsAvailable,
  '/api/bids/mine': Contract.BidsMine,
  '/api/bid-windows': Contract.BidWindows,
  '/api/routes': Contract.RoutesList,
  '/api/warehouses': Contract.WarehousesList,
  '/api/warehouses/{id}': Contract.WarehouseOk,
  '/api/warehouses/{id}/managers': Contract.WarehouseManagers,
  '/api/drivers': Contract.DriversList,
  '/api/drivers/{id}/health': Contract.HealthResponse,
  '/api/drivers/{id}/shifts': Contract.DriverShifts,
  '/api/onboarding': Contract.OnboardingList,
  '/api/weekly-reports': Contract.WeeklyReports,
  '/api/weekly-reports/{weekStart}': Contract.WeeklyReport,
  '/api/notifications': Contract.NotificationsList,
  '/api/settings/dispatch': Contract.DispatchSettings,
};

/** Where the reads point: the week of the weekly report, the day whose routes `?date=` lists. */
export interface ReadsAt {
  week: string;
  date: string;
}

/**
 * The queries a list also answers (contract §4), each read as well as the plain list: org B's
 * warehouse and a day of org B's shifts for the routes, every status for the bid windows.
 */
const READ_QUERIES: Record<string, (at: ReadsAt, foreignWarehouse: string) => string[]> = {
  '/api/routes': (at, wh) => [`?date=${at.date}`, `?warehouseId=${wh}`],
  '/api/bid-windows': () => ['?status=all'],
};

/** How a journey calls a write on states of its own, the refusal logic staying the catalog's. */
export interface Variant {
  /** org A's ids for the positive control (default: the recipe builds them) */
  own?: Ids;
  /** org B's entity the refusals aim at (default: the recipe builds it) */
  foreign?: Ids;
  /** the call (default: the recipe's), e.g. another action of the same endpoint */
  call?: (ids: Ids) => ApiRequest;
  /** the id fields to probe, when the call names only some of the entry's (default: all) */
  fields?: string[];
}

/** What a write's control named and answered, for the checks a journey makes after it. */
export interface Written {
  own: Ids;
  control: Outcome<unknown> | null;
}

/** The override's call for an action that names no driver: only its path carries an org-scoped id. */
export const overrideAction =
  (action: string) =>
  (ids: Ids): ApiRequest => ({ method: 'POST', path: `/api/assignments/${String(ids.id)}/override`, data: { action } });

const entryKey = (e: Pick<Endpoint, 'method' | 'path'>): string => `${e.method} ${e.path}`;

export class CatalogProbe {
  readonly recipes: Record<string, Recipe>;
  /** org B's rows no answer may name (the ids every probe built are added as it goes) */
  readonly marks: ForeignMarks;
  readonly at: ReadsAt;
  private scenarioActors = new Map<string, Promise<Actor>>();

  constructor(
    private readonly d: ProbeDeps,
    at: Partial<ReadsAt> = {},
  ) {
    this.marks = foreignMarks(d.world.slot.orgs.B, []);
    const today = torontoDate(d.now());
    this.at = { week: at.week ?? weekStart(today), date: at.date ?? today };
    this.recipes = writeRecipes(d, (key, role) => this.scenarioActor(key, role));
  }

  /** The probe of one journey, from its fixtures. */
  static of(f: Omit<ProbeDeps, 'now' | 'password'> & { scenarioTime: ScenarioClock; userPassword: string }, at: Partial<ReadsAt> = {}): CatalogProbe {
    return new CatalogProbe({ world: f.world, actor: f.actor, witness: f.witness, now: () => f.scenarioTime.now(), password: f.userPassword }, at);
  }

  /** More of org B's rows and names no answer may hold. */
  mark(ids: (string | null | undefined)[], names: string[] = []): void {
    for (const x of ids) if (x && !this.marks.ids.includes(x)) this.marks.ids.push(x);
    for (const x of names) if (!this.marks.names.includes(x)) this.marks.names.push(x);
  }

  /** The catalog's entry `METHOD /path` (a journey naming one that is not there fails). */
  entry(key: string): Endpoint {
    const e = ENDPOINTS.find((x) => entryKey(x) === key);
    if (!e) throw new Error(`HARNESS-001 the endpoint catalog has no entry ${key} (witness/contract/endpoints.ts)`);
    return e;
  }

  /** The entries `keys` name, each probed as its kind asks, in the order given. */
  async entries(keys: string[]): Promise<void> {
    for (const key of keys) {
      const e = this.entry(key);
      await (e.method === 'GET' ? this.read(e) : this.write(e));
    }
  }

  /** One read: its shape and no org-B row (and so with each of its queries); org B's id refused; the other role refused. */
  async read(entry: Endpoint | string): Promise<void> {
    const e = typeof entry === 'string' ? this.entry(entry) : entry;
    const schema = SHAPES[e.path];
    if (!schema) throw new Error(`HARNESS-001 the catalog probe has no response shape for GET ${e.path}: add it to SHAPES in journeys/api/catalog.ts`);
    const { witness, world } = this.d;
    const caller = await this.roleActor(e);
    const own: ApiRequest = { method: 'GET', path: this.fill(e, 'A') };
    await witness.api.listLacks(caller, own, schema, this.marks);
    for (const q of READ_QUERIES[e.path]?.(this.at, world.slot.orgs.B.warehouse.id) ?? []) {
      await witness.api.listLacks(caller, { method: 'GET', path: `${own.path}${q}` }, schema, this.marks);
    }
    if (e.kind === 'id-bearing') {
      await witness.api.crossOrg(caller, { name: `reading org B's ${e.path}`, control: own, probe: { method: 'GET', path: this.fill(e, 'B') }, schema }, this.marks);
    }
    await this.wrongRole(e, own);
  }

  /** One write entry, probed as its kind asks (see the module's header); `v` puts it on a journey's own states. */
  async write(entry: Endpoint | string, v: Variant = {}): Promise<Written> {
    const e = typeof entry === 'string' ? this.entry(entry) : entry;
    const key = entryKey(e);
    const r = this.recipes[key];
    if (!r) throw new Error(`HARNESS-001 the catalog probe has no recipe for ${key}: add it to journeys/api/catalog-recipes.ts`);
    const why = r.unavailable?.();
    if (why) {
      test.info().annotations.push({ type: 'not probed', description: `${key}: ${why}` });
      return { own: {}, control: null };
    }
    const { witness } = this.d;
    const call = v.call ?? r.call;
    const caller = await r.caller();
    const own = v.own ?? (await r.make('A'));
    const request = call(own);
    let control: Outcome<unknown>;
    if (e.kind === 'self' || e.kind === 'owner-only') {
      control = await witness.api.leavesOtherOrg(caller, request, r.schema, this.marks);
      if (e.kind === 'owner-only') {
        const notOwner = await this.scenarioActor('catalogmanager', 'manager');
        await witness.permissions.refusedChange(notOwner, request, this.d.world.slot.orgs.A);
      }
    } else {
      control = await witness.api.control(caller, request, r.schema);
      const prober = r.prober ? await r.prober() : caller;
      const b = v.foreign ?? (await r.make('B'));
      this.mark(Object.values(b).flat());
      const fields = (e.ids ?? []).filter((f) => !v.fields || v.fields.includes(f.name));
      for (const f of fields) {
        // one id field: org B's entity as it is; more: a fresh org-A twin with this field (and its `with`) from org B
        const ids: Ids = fields.length > 1 ? { ...(await r.make('A')), [f.name]: b[f.name]! } : { ...b };
        for (const w of r.with?.[f.name] ?? []) ids[w] = b[w]!;
        await witness.api.refused(prober, call(ids), this.marks);
      }
    }
    await this.wrongRole(e, request);
    return { own, control };
  }

  private async roleActor(e: Endpoint): Promise<Actor> {
    return await this.d.actor(e.role === 'manager' ? 'managerA' : 'driverA1');
  }

  /** A role-bound entry, sent by the other role, is refused with 403. */
  private async wrongRole(e: Endpoint, request: ApiRequest): Promise<void> {
    if (e.role === 'any') return;
    const wrong = await this.d.actor(e.role === 'manager' ? 'driverA1' : 'managerA');
    await this.d.witness.auth.apiForbidden(wrong, request);
  }

  /** A read's path with org `o`'s ids. */
  private fill(e: Endpoint, o: OrgKey): string {
    const { orgs, users } = this.d.world.slot;
    return e.path.replace('{weekStart}', this.at.week).replace('{id}', () => {
      const entity = e.ids?.find((f) => f.in === 'path' && f.name === 'id')?.entity;
      if (entity === 'warehouse') return orgs[o].warehouse.id;
      if (entity === 'driver') return o === 'A' ? users.driverA1.id : users.driverB1.id;
      throw new Error(`HARNESS-001 the catalog probe has no ${entity ?? 'entity'} to put in ${e.path}`);
    });
  }

  private scenarioActor(key: string, role: 'driver' | 'manager'): Promise<Actor> {
    let a = this.scenarioActors.get(key);
    if (!a) {
      a = this.d.world.orgA.user({ key, role }).then((u) => this.d.actor(u));
      this.scenarioActors.set(key, a);
    }
    return a;
  }
}

/**
 * API checks (TENANT-004/005, TENANT-001, AUTH-005, WITNESS-002): a cross-organization request is
 * refused with a 4xx, changes nothing of the other organization and leaks none of its ids or names;
 * the same request on the caller's own organization succeeds with the contract's shape.
 */
import type { z } from 'zod';
import type { Actor } from './actors.js';
import type { SlotOrg } from '../fixtures/slots.js';
import type { WitnessContext } from './witness.js';
import type { CheckRecord } from './evidence.js';
import { InvariantError } from './failure.js';
import { orgState } from './probe.js';

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  data?: unknown;
}

/** What of the other organization must never appear in an answer to the caller. */
export interface ForeignMarks {
  org: SlotOrg;
  ids: string[];
  names: string[];
}

export function foreignMarks(org: SlotOrg, extraIds: (string | null | undefined)[] = []): ForeignMarks {
  const users = [org.manager, ...org.drivers];
  return {
    org,
    ids: [org.id, org.warehouse.id, org.route.id, ...users.map((u) => u.id), ...extraIds.filter((x): x is string => !!x)],
    names: [org.name, org.slug, org.warehouse.name, org.route.name, ...users.flatMap((u) => [u.name, u.email])],
  };
}

function describe(req: ApiRequest): string {
  return `${req.method} ${req.path}`;
}

function leaks(body: string, marks: ForeignMarks): string[] {
  const found: string[] = [];
  for (const id of marks.ids) if (body.includes(id)) found.push(id);
  for (const name of marks.names) {
    const re = new RegExp(`(^|[^\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u');
    if (re.test(body)) found.push(name);
  }
  return found;
}

export class ApiWitness {
  constructor(private readonly ctx: WitnessContext) {}

  private async send(actor: Actor, req: ApiRequest): Promise<{ status: number; text: string; json: unknown }> {
    const res = await actor.api.fetch(req.path, { method: req.method, data: req.data, failOnStatusCode: false, maxRedirects: 0 });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status(), text, json };
  }

  private record(checkId: string, invariantId: string, org: string, ok: boolean, summary: string, db: CheckRecord['db']): Promise<string> {
    return this.ctx.record({ checkId, invariantId, org, ok, summary, db });
  }

  /** TENANT-004 and TENANT-005: refused with a 4xx, the other org unchanged, nothing of it in the body. */
  async refused(actor: Actor, req: ApiRequest, foreign: ForeignMarks): Promise<void> {
    const before = await orgState(this.ctx.pool, foreign.org.id);
    const res = await this.send(actor, req);
    const after = await orgState(this.ctx.pool, foreign.org.id);
    const unchanged = JSON.stringify(before.state) === JSON.stringify(after.state);
    const refused = res.status >= 400 && res.status < 500;
    const leaked = leaks(res.text, foreign);
    const who = `${actor.user.email} (${actor.org.label})`;
    const call = `${describe(req)} on ${foreign.org.label}'s entity`;
    const response = { request: req, status: res.status, body: res.text.slice(0, 2000) };
    let invariantId = 'TENANT-004';
    let summary = `${call} by ${who} refused with ${res.status}, nothing changed, nothing leaked`;
    let ok = true;
    if (!refused || !unchanged) {
      ok = false;
      summary = `${call} by ${who} ${refused ? `was refused (${res.status}) but` : `answered ${res.status}${unchanged ? '' : ' and'}`}${unchanged ? '' : ` changed ${foreign.org.label}'s rows`}`;
    } else if (leaked.length) {
      ok = false;
      invariantId = 'TENANT-005';
      summary = `${call} by ${who} was refused (${res.status}) but the body names ${foreign.org.label}'s ${leaked.join(', ')}`;
    }
    const rows: unknown[] = [response];
    if (!unchanged) rows.push({ before: before.state, after: after.state });
    const file = await this.record(`refused-${req.method.toLowerCase()}`, invariantId, actor.org.label, ok, summary, { query: before.query, params: [foreign.org.id], rows });
    if (!ok) throw new InvariantError(invariantId, summary, { evidenceFile: file, rows: [response] });
  }

  /** AUTH-005 and WITNESS-002: the caller's own-org request succeeds with the contract's shape. */
  async succeeds<S extends z.ZodTypeAny>(actor: Actor, req: ApiRequest, schema: S): Promise<z.infer<S>> {
    const res = await this.send(actor, req);
    const who = `${actor.user.email} (${actor.org.label})`;
    const response = { request: req, status: res.status, body: res.text.slice(0, 4000) };
    if (res.status < 200 || res.status >= 300) {
      const summary = `${describe(req)} by ${who} on its own organization should succeed, answered ${res.status}`;
      const file = await this.record('own-org-succeeds', 'AUTH-005', actor.org.label, false, summary, { query: describe(req), params: [], rows: [response] });
      throw new InvariantError('AUTH-005', summary, { evidenceFile: file, rows: [response] });
    }
    const parsed = schema.safeParse(res.json);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      const summary = `${describe(req)} answered ${res.status} with a body that is not the contract's shape: ${issues.join('; ')}`;
      const file = await this.record('contract-shape', 'WITNESS-002', actor.org.label, false, summary, { query: describe(req), params: [], rows: [response] });
      throw new InvariantError('WITNESS-002', summary, { evidenceFile: file, rows: [response] });
    }
    await this.record('own-org-succeeds', 'AUTH-005', actor.org.label, true, `${describe(req)} by ${who} answered ${res.status} with the contract's shape`, {
      query: describe(req),
      params: [],
      rows: [response],
    });
    return parsed.data;
  }

  /** TENANT-001: a list the caller may read holds nothing of the other organization. */
  async listLacks<S extends z.ZodTypeAny>(actor: Actor, req: ApiRequest, schema: S, foreign: ForeignMarks): Promise<z.infer<S>> {
    const data = await this.succeeds(actor, req, schema);
    const body = JSON.stringify(data);
    const leaked = leaks(body, foreign);
    const ok = leaked.length === 0;
    const summary = ok
      ? `${describe(req)} for ${actor.user.email} holds nothing of ${foreign.org.label}`
      : `${describe(req)} for ${actor.user.email} (${actor.org.label}) holds ${foreign.org.label}'s ${leaked.join(', ')}`;
    const file = await this.record('list-isolation', 'TENANT-001', actor.org.label, ok, summary, { query: describe(req), params: [], rows: [{ body: body.slice(0, 4000) }] });
    if (!ok) throw new InvariantError('TENANT-001', summary, { evidenceFile: file, rows: [{ leaked }] });
    return data;
  }

  /** STATE-001: a request the state machine must refuse (e.g. a second accept of a resolved window). */
  async stateRefuses(actor: Actor, req: ApiRequest, why: string): Promise<void> {
    const res = await this.send(actor, req);
    const ok = res.status >= 400 && res.status < 500;
    const summary = ok ? `${describe(req)} refused with ${res.status}: ${why}` : `${describe(req)} answered ${res.status}, but ${why}`;
    const response = { request: req, status: res.status, body: res.text.slice(0, 2000) };
    const file = await this.record('state-refuses', 'STATE-001', actor.org.label, ok, summary, { query: describe(req), params: [], rows: [response] });
    if (!ok) throw new InvariantError('STATE-001', summary, { evidenceFile: file, rows: [response] });
  }
}

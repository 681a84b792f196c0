/**
 * What an API check sends and looks for: a request as data (`{ method, path, data }`), what of the
 * other organization must never appear in an answer, and the sending itself with the suite's own
 * x-request-id (docs/architecture.md#controls).
 */
import type { z } from 'zod';
import type { Actor } from '../actors.js';
import type { InvariantError } from '../failure.js';
import type { SlotOrg } from '../../fixtures/slots.js';
import type { RequestTrail } from '../requests.js';
import { REQUEST_ID_HEADER } from '../requests.js';
import { pathTemplate } from '../contract/paths.js';

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

export function describe(req: ApiRequest): string {
  return `${req.method} ${req.path}`;
}

/** `POST /api/warehouses/{id}/managers`: what a control and its refusal have in common. */
export function requestTemplate(req: ApiRequest): string {
  return `${req.method} ${pathTemplate(req.path)}`;
}

/** The foreign ids and names a body mentions. */
export function leaks(body: string, marks: Pick<ForeignMarks, 'ids' | 'names'>): string[] {
  const found: string[] = [];
  for (const id of marks.ids) if (body.includes(id)) found.push(id);
  for (const name of marks.names) {
    const re = new RegExp(`(^|[^\\p{L}\\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u');
    if (re.test(body)) found.push(name);
  }
  return found;
}

export interface Sent {
  status: number;
  text: string;
  json: unknown;
  requestId: string;
}

/** Send a request as the actor, stamped with its own request id and noted in the trail. */
export async function send(trail: RequestTrail, actor: Actor, req: ApiRequest): Promise<Sent> {
  const requestId = trail.id();
  const res = await actor.api.fetch(req.path, {
    method: req.method,
    data: req.data,
    failOnStatusCode: false,
    maxRedirects: 0,
    headers: { [REQUEST_ID_HEADER]: requestId },
  });
  const text = await res.text();
  trail.note({ id: requestId, method: req.method, url: res.url(), kind: 'api', status: res.status() });
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status(), text, json, requestId };
}

/** The ids a request names (path segments and body values): a defect's follow-ons match on them. */
export function requestEntities(req: ApiRequest): string[] {
  const ids = req.path.split('?')[0]!.split('/').filter((seg) => /\d/.test(seg) && seg.length >= 6);
  if (req.data && typeof req.data === 'object') {
    for (const v of Object.values(req.data as Record<string, unknown>)) {
      for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string' && /\d/.test(x) && x.length >= 6) ids.push(x);
    }
  }
  return [...new Set(ids)];
}

/** A request that had to succeed: its data when it did, its evidence either way. */
export type Outcome<T> = { ok: true; data: T; evidence: string } | { ok: false; evidence: string; summary: string; error: InvariantError };

/**
 * One row of a cross-org table: what the refusal is about (`name`, it titles the check), the org-A
 * twin request that must succeed first with `schema`, and the org-B request that must be refused.
 */
export interface CrossOrgCase<S extends z.ZodTypeAny = z.ZodTypeAny> {
  name?: string;
  control: ApiRequest;
  schema: S;
  probe: ApiRequest;
}

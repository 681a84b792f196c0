// Switchable faults: the suite's laboratory. Each fault changes behaviour for every input (never keyed
// to particular ids or names) and is checked with isOn(name) at the single place where it acts.

export interface Fault {
  name: string;
  description: string;
  surface: string;
  mustTrip: { scenarios: string[]; invariants: string[] };
}

export const FAULTS: readonly Fault[] = [
  {
    name: 'bids-available-cross-org',
    description: 'GET /api/bids/available also returns open bid windows of other organizations (so they show on /bids).',
    surface: 'GET /api/bids/available, /bids',
    mustTrip: { scenarios: ['UI-001'], invariants: ['TENANT-001'] },
  },
  // TODO(suite): confirm ids for every fault below.
  {
    name: 'schedule-hides-recent',
    description: 'GET /api/assignments/mine omits assignments whose updated_at is within the last minute (stale schedule).',
    surface: 'GET /api/assignments/mine, /schedule',
    mustTrip: { scenarios: ['UI-001'], invariants: ['WITNESS-001'] },
  },
  {
    name: 'override-no-org-check',
    description: 'POST /api/assignments/{id}/override skips the warehouse/organization access check.',
    surface: 'POST /api/assignments/{id}/override',
    mustTrip: { scenarios: ['API-003'], invariants: ['TENANT-004'] },
  },
  {
    name: 'suspend-keeps-driver',
    description: 'Override suspend_route sets the assignment cancelled but leaves its user_id in place.',
    surface: 'POST /api/assignments/{id}/override (suspend_route), /routes',
    mustTrip: { scenarios: ['UI-002', 'API-003'], invariants: ['ASSIGN-001'] },
  },
  {
    name: 'bids-accept-cross-org',
    description: 'POST /api/bids finds open bid windows in any organization, so a driver can win another org\'s shift.',
    surface: 'POST /api/bids',
    mustTrip: { scenarios: ['API-002'], invariants: ['TENANT-004'] },
  },
  {
    name: 'bid-notification-wrong-org',
    description: 'The bid_won notification is stamped with an organization other than the recipient\'s.',
    surface: 'POST /api/bids, bid window resolution',
    mustTrip: { scenarios: ['UI-001', 'API-002'], invariants: ['NOTIF-001'] },
  },
  {
    name: 'signin-ignores-redirect',
    description: 'The sign-in page always navigates to / after signing in, ignoring ?redirect=.',
    surface: '/sign-in',
    mustTrip: { scenarios: ['UI-003'], invariants: ['AUTH-002'] },
  },
  {
    name: 'warehouse-detail-no-org-check',
    description: 'GET /api/warehouses/{id} returns any organization\'s warehouse.',
    surface: 'GET /api/warehouses/{id}',
    mustTrip: { scenarios: ['API-001'], invariants: ['TENANT-004'] },
  },
  {
    name: 'routes-list-cross-org',
    description: 'GET /api/routes includes routes of other organizations (so they show on /routes).',
    surface: 'GET /api/routes, /routes',
    mustTrip: { scenarios: ['UI-002'], invariants: ['TENANT-001'] },
  },
];

const known = new Set(FAULTS.map((f) => f.name));
const active = new Set<string>();

export function isOn(name: string): boolean {
  return active.size > 0 && active.has(name);
}

export function activeFaults(): string[] {
  return [...active];
}

/** Replace the active set. Returns the unknown names (nothing changes when there are any). */
export function setActiveFaults(names: string[]): string[] {
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) return unknown;
  active.clear();
  for (const n of names) active.add(n);
  return [];
}

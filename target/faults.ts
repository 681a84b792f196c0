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
    mustTrip: { scenarios: ['UI-001', 'API-002'], invariants: ['TENANT-001'] },
  },
  {
    name: 'bids-available-cross-org-once',
    description: 'The first GET /api/bids/available after the fault is switched on also returns other organizations\' open windows; later calls are right (a failure that only the first attempt sees).',
    surface: 'GET /api/bids/available, /bids',
    mustTrip: { scenarios: ['UI-001'], invariants: ['TENANT-001'] },
  },
  {
    name: 'competitive-tiebreak-reversed',
    description: 'Competitive resolution breaks equal scores by the latest bid instead of the earliest.',
    surface: 'bid window resolution (GET /api/bids/available, cron close-bid-windows)',
    mustTrip: { scenarios: ['BID-001'], invariants: ['ASSIGN-002', 'ASSIGN-001'] },
  },
  {
    name: 'bids-mine-stale-status',
    description: 'GET /api/bids/mine reports every bid as pending, so My Bids never shows Won or Lost.',
    surface: 'GET /api/bids/mine, /bids My Bids',
    mustTrip: { scenarios: ['BID-001', 'BID-004', 'BID-005'], invariants: ['WITNESS-001'] },
  },
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
    mustTrip: { scenarios: ['API-001', 'API-003'], invariants: ['TENANT-004'] },
  },
  {
    name: 'suspend-keeps-driver',
    description: 'Override suspend_route sets the assignment cancelled but leaves its user_id in place.',
    surface: 'POST /api/assignments/{id}/override (suspend_route), /routes',
    mustTrip: { scenarios: ['UI-002', 'API-001'], invariants: ['ASSIGN-001', 'AUTH-005'] },
  },
  {
    name: 'bids-accept-cross-org',
    description: 'POST /api/bids finds open bid windows in any organization, so a driver can win another org\'s shift.',
    surface: 'POST /api/bids',
    mustTrip: { scenarios: ['API-002', 'RUN-SWEEP'], invariants: ['TENANT-004', 'TENANT-001', 'TENANT-002', 'TENANT-003', 'TENANT-007'] },
  },
  {
    name: 'bid-notification-wrong-org',
    description: 'The bid_won notification is stamped with an organization other than the recipient\'s.',
    surface: 'POST /api/bids, bid window resolution',
    mustTrip: { scenarios: ['UI-001', 'API-002', 'RUN-SWEEP'], invariants: ['NOTIF-001'] },
  },
  {
    name: 'signin-ignores-redirect',
    description: 'The sign-in page always navigates to / after signing in, ignoring ?redirect=.',
    surface: '/sign-in',
    mustTrip: { scenarios: ['UI-003'], invariants: ['AUTH-002'] },
  },
  {
    name: 'warehouse-detail-no-org-check',
    description: 'The warehouse access check of /api/warehouses/{id} and its managers endpoints lets any existing warehouse through: another organization\'s warehouse can be read, renamed and given managers.',
    surface: 'GET/PATCH/DELETE /api/warehouses/{id}, GET/POST/DELETE /api/warehouses/{id}/managers',
    mustTrip: { scenarios: ['API-001'], invariants: ['TENANT-004'] },
  },
  {
    name: 'routes-list-cross-org',
    description: 'GET /api/routes includes routes of other organizations (so they show on /routes).',
    surface: 'GET /api/routes, /routes',
    mustTrip: { scenarios: ['UI-002', 'API-001'], invariants: ['TENANT-001'] },
  },
  {
    name: 'denial-leaks-entity',
    description: 'Manager 403 "No access to this warehouse/route" answers append the name of the denied entity when it exists.',
    surface: 'GET/PATCH/DELETE /api/warehouses/{id} and its managers endpoints, POST /api/bid-windows/{id}/close|assign, GET /api/bid-windows?warehouseId=, POST /api/assignments/{id}/assign, POST/PATCH/DELETE /api/routes',
    mustTrip: { scenarios: ['API-001'], invariants: ['TENANT-005'] },
  },
  {
    name: 'suspend-cancels-same-date',
    description: 'Override suspend_route also cancels every non-cancelled assignment of the same date, in every organization (its UPDATE forgot the assignment id).',
    surface: 'POST /api/assignments/{id}/override (suspend_route), /routes',
    mustTrip: { scenarios: ['UI-002'], invariants: ['TENANT-006'] },
  },
  {
    name: 'accept-leaves-window-open',
    description: 'An instant/emergency accept assigns the driver and records the won bid but leaves the bid window open with no winner.',
    surface: 'POST /api/bids, /bids',
    mustTrip: { scenarios: ['UI-001', 'API-002', 'ADV-001'], invariants: ['ASSIGN-002', 'STATE-001', 'ASSIGN-001', 'IDEMP-003'] },
  },
  {
    name: 'instant-accept-no-lock',
    description: 'An instant/emergency accept does not check the bid window\'s status, so an already resolved window is won again by the next driver.',
    surface: 'POST /api/bids',
    mustTrip: { scenarios: ['API-002', 'BID-002', 'RUN-SWEEP'], invariants: ['STATE-001', 'IDEMP-003', 'ASSIGN-001', 'ASSIGN-002'] },
  },
  {
    name: 'home-redirect-wrong',
    description: '/ sends every signed-in user to /notifications instead of their role home.',
    surface: '/',
    mustTrip: { scenarios: ['UI-003'], invariants: ['AUTH-001', 'AUTH-004'] },
  },
  {
    name: 'signin-hides-error-banner',
    description: 'The sign-in page shows no warning banner when sign-in fails.',
    surface: '/sign-in',
    mustTrip: { scenarios: ['UI-003'], invariants: ['AUTH-003'] },
  },
  {
    name: 'role-gate-off-routes',
    description: 'The manager page /routes does not check the role, so a signed-in driver gets it.',
    surface: '/routes',
    mustTrip: { scenarios: ['UI-003'], invariants: ['AUTH-004'] },
  },
  {
    name: 'warehouse-detail-always-403',
    description: 'GET /api/warehouses/{id} answers 403 No access to this warehouse for every warehouse, the manager\'s own included.',
    surface: 'GET /api/warehouses/{id}',
    mustTrip: { scenarios: ['API-001'], invariants: ['AUTH-005'] },
  },
  {
    name: 'notifications-list-unscoped',
    description: 'GET /api/notifications lists every user\'s notifications, of every organization.',
    surface: 'GET /api/notifications, /notifications, the bell',
    mustTrip: { scenarios: ['API-002', 'UI-006'], invariants: ['TENANT-001', 'WITNESS-003'] },
  },
  {
    name: 'bids-mine-drops-field',
    description: 'GET /api/bids/mine items lack windowClosesAt.',
    surface: 'GET /api/bids/mine',
    mustTrip: { scenarios: ['API-002'], invariants: ['WITNESS-002'] },
  },
  {
    name: 'resolution-lowest-score',
    description: 'Competitive resolution ranks the lowest score first.',
    surface: 'bid window resolution (cron close-bid-windows, GET /api/bids/available)',
    mustTrip: { scenarios: ['BID-006'], invariants: ['ASSIGN-002', 'ASSIGN-001', 'NOTIF-002', 'WITNESS-001'] },
  },
  {
    name: 'tiebreak-ignores-id',
    description: 'Competitive resolution breaks a tie of score and bid time by the highest bid id instead of the lowest.',
    surface: 'bid window resolution',
    mustTrip: { scenarios: ['BID-004'], invariants: ['ASSIGN-002', 'ASSIGN-001', 'NOTIF-002'] },
  },
  {
    name: 'resolution-no-same-date-skip',
    description: 'Competitive resolution does not skip a bidder who already holds a shift that date; the unique (user, date) index then fails the resolution and the window stays open.',
    surface: 'bid window resolution',
    mustTrip: { scenarios: ['BID-005'], invariants: ['ASSIGN-002', 'ASSIGN-001', 'WITNESS-001'] },
  },
  {
    name: 'bid-results-to-other-orgs',
    description: 'After a competitive resolution, every eligible driver of the other organizations gets bid_lost too (stamped with their own organization).',
    surface: 'bid window resolution',
    mustTrip: { scenarios: ['BID-006'], invariants: ['NOTIF-002'] },
  },
  {
    name: 'transition-closes-early',
    description: 'A competitive window turned instant closes an hour before the shift start instead of at it.',
    surface: 'bid window resolution (competitive with no bids)',
    mustTrip: { scenarios: ['BID-002'], invariants: ['STATE-002'] },
  },
  {
    name: 'transition-notifies-every-org',
    description: 'A competitive window turned instant is announced (bid_open) to the eligible drivers of every organization, not only its own.',
    surface: 'bid window resolution (competitive with no bids)',
    mustTrip: { scenarios: ['BID-002'], invariants: ['NOTIF-002'] },
  },
  {
    name: 'close-cron-not-idempotent',
    description: 'Every run of the close cron sends bid_won and bid_lost again for the windows it resolved before.',
    surface: 'GET /api/cron/close-bid-windows',
    mustTrip: { scenarios: ['BID-007'], invariants: ['IDEMP-004', 'NOTIF-002'] },
  },
  {
    name: 'close-cron-reports-failure',
    description: 'The close cron does its work but answers 500 with success false.',
    surface: 'GET /api/cron/close-bid-windows',
    mustTrip: { scenarios: ['BID-007'], invariants: ['STATE-004'] },
  },
  {
    name: 'instant-accept-race',
    description: 'An instant/emergency accept reads the window without its row lock and waits for a second accept of the same window before writing, so two drivers win it.',
    surface: 'POST /api/bids',
    mustTrip: { scenarios: ['ADV-001', 'RUN-SWEEP'], invariants: ['STATE-001', 'IDEMP-003'] },
  },
  {
    name: 'urgent-bonus-wrong-org',
    description: 'An urgent (emergency) window takes its bonus from another organization\'s dispatch settings.',
    surface: 'POST /api/assignments/{id}/override (open_urgent_bidding), no-show detection, /bids',
    mustTrip: { scenarios: ['BID-003'], invariants: ['STATE-003'] },
  },
  {
    name: 'emergency-fanout-every-org',
    description: 'An emergency window is announced (emergency_route_available) to the eligible drivers of every organization.',
    surface: 'urgent bidding, no-show detection',
    mustTrip: { scenarios: ['BID-003'], invariants: ['NOTIF-002'] },
  },
  {
    name: 'manual-assign-no-lock',
    description: 'POST /api/assignments/{id}/assign locks nothing and writes its driver after a racing accept has landed, over the accept\'s winner.',
    surface: 'POST /api/assignments/{id}/assign',
    mustTrip: { scenarios: ['ADV-003'], invariants: ['ASSIGN-003'] },
  },
  {
    name: 'manual-assign-locks-assignment-first',
    description: 'POST /api/assignments/{id}/assign locks the assignment row before the window row, the opposite of an accept: queued behind an accept on the window, the two deadlock and one of them is answered 500 (the real Drive\'s defect).',
    surface: 'POST /api/assignments/{id}/assign',
    mustTrip: { scenarios: ['ADV-003'], invariants: ['ASSIGN-003'] },
  },
  {
    name: 'accept-overrides-manual-assign',
    description: 'An instant/emergency accept reads the window without its row lock and, when a manual assign of the same assignment is racing it, writes its win after that assign has landed, over it.',
    surface: 'POST /api/bids',
    mustTrip: { scenarios: ['ADV-003'], invariants: ['ASSIGN-003'] },
  },
  {
    name: 'routes-list-next-day-after-change',
    description: 'For 10 s after an override, GET /api/routes answers with the routes of the day after the date asked for (as when a refresh of the server\'s date wins a race late in Toronto\'s evening); other lists are right.',
    surface: 'GET /api/routes, /routes',
    mustTrip: { scenarios: ['UI-002'], invariants: ['WITNESS-001'] },
  },
  {
    name: 'history-unscoped-by-driver',
    description: 'GET /api/history lists the past shifts of every driver of the caller\'s organization (so /history shows them).',
    surface: 'GET /api/history, /history',
    mustTrip: { scenarios: ['API-005'], invariants: ['AUTH-006', 'WITNESS-001'] },
  },
  {
    name: 'dashboard-bids-unscoped',
    description: 'GET /api/dashboard lists the pending bids of every driver of the caller\'s organization.',
    surface: 'GET /api/dashboard, /dashboard',
    mustTrip: { scenarios: ['API-005'], invariants: ['AUTH-006'] },
  },
  {
    name: 'cancel-keeps-driver',
    description: 'A driver\'s cancel opens the replacement window and marks the assignment unfilled but leaves the driver on it (so her /schedule still lists it).',
    surface: 'POST /api/assignments/{id}/cancel, /schedule',
    mustTrip: { scenarios: ['UI-004'], invariants: ['STATE-006', 'WITNESS-001'] },
  },
  {
    name: 'late-cancel-off-by-a-day',
    description: 'The late-cancel rule takes the deadline 24 h before the route start instead of 48 h, so a confirmed shift cancelled between the two is recorded as an ordinary driver cancel.',
    surface: 'POST /api/assignments/{id}/cancel',
    mustTrip: { scenarios: ['UI-004'], invariants: ['STATE-006'] },
  },
  {
    name: 'shift-delivered-counts-returns',
    description: 'A completion writes parcels_delivered as start + returned instead of start − returned (and /history shows it).',
    surface: 'POST /api/shifts/complete, /history',
    mustTrip: { scenarios: ['UI-005'], invariants: ['STATE-005'] },
  },
  {
    name: 'start-records-parcels-off-by-one',
    description: 'The start of a shift records one parcel fewer than the driver entered.',
    surface: 'POST /api/shifts/start, /dashboard',
    mustTrip: { scenarios: ['UI-005'], invariants: ['STATE-005'] },
  },
  {
    name: 'mark-all-read-marks-other-users',
    description: 'POST /api/notifications/mark-all-read marks read the unread notifications of every user of the caller\'s organization.',
    surface: 'POST /api/notifications/mark-all-read, /notifications',
    mustTrip: { scenarios: ['UI-006'], invariants: ['NOTIF-003'] },
  },
  {
    name: 'header-count-stale-after-accept',
    description: 'After an accept on /bids the header stops fetching its counts until the next page load (Available Shifts and the bell stay as they were).',
    surface: '/bids header (browser script)',
    mustTrip: { scenarios: ['UI-007'], invariants: ['WITNESS-003'] },
  },
  {
    name: 'bell-forgets-pending-read',
    description: 'After opening a notification, the next page\'s header sends the mark-read still pending but does not count again after it: the bell keeps the count the page was drawn with, from before the write (as the real Drive\'s bell does when the mark is slower than the next page).',
    surface: 'header after opening a notification (browser script)',
    mustTrip: { scenarios: ['UI-006'], invariants: ['WITNESS-003'] },
  },
  {
    name: 'needs-confirmation-counts-confirmed',
    description: 'GET /api/dashboard marks an already confirmed shift still confirmable, so the header\'s Needs Confirmation does not go down after a confirm.',
    surface: 'GET /api/dashboard, header',
    mustTrip: { scenarios: ['UI-007'], invariants: ['WITNESS-003'] },
  },
  {
    name: 'dispatch-settings-no-owner-check',
    description: 'PATCH /api/settings/dispatch lets any manager of the organization change its settings, not only the owner.',
    surface: 'PATCH /api/settings/dispatch',
    mustTrip: { scenarios: ['API-004'], invariants: ['AUTH-007'] },
  },
  {
    name: 'dispatch-settings-every-org',
    description: 'The owner\'s PATCH /api/settings/dispatch is written to every organization\'s settings row.',
    surface: 'PATCH /api/settings/dispatch',
    mustTrip: { scenarios: ['API-004'], invariants: ['TENANT-006'] },
  },
  {
    name: 'reassign-skips-bid-lost',
    description: 'A manager\'s assign or reassign of a shift with pending bids marks them lost but tells none of the bidders (no bid_lost).',
    surface: 'POST /api/assignments/{id}/override reassign, POST /api/assignments/{id}/assign',
    mustTrip: { scenarios: ['API-003'], invariants: ['NOTIF-002'] },
  },
  {
    name: 'assign-allows-flagged',
    description: 'The manual-assign check lets a flagged driver through: the Assign Driver picker offers her and POST /api/assignments/{id}/assign assigns her.',
    surface: 'POST /api/assignments/{id}/assign, the /routes Assign Driver picker',
    mustTrip: { scenarios: ['UI-008'], invariants: ['ASSIGN-004'] },
  },
  {
    name: 'assign-picker-lists-other-org',
    description: 'The drivers the Assign Driver picker is given (GET /api/drivers?assignableFor=…) include every organization\'s drivers.',
    surface: 'GET /api/drivers?assignableFor, the /routes Assign Driver picker',
    mustTrip: { scenarios: ['UI-008'], invariants: ['TENANT-001'] },
  },
  {
    name: 'warehouses-list-unscoped',
    description: 'GET /api/warehouses lists every warehouse of every organization (so /warehouses and the Create Route picker show them).',
    surface: 'GET /api/warehouses, /warehouses',
    mustTrip: { scenarios: ['UI-009'], invariants: ['TENANT-001'] },
  },
  {
    name: 'route-create-wrong-warehouse',
    description: 'POST /api/routes puts the new route in the manager\'s first linked warehouse instead of the one asked for.',
    surface: 'POST /api/routes, /routes Create Route',
    mustTrip: { scenarios: ['UI-009'], invariants: ['WITNESS-001'] },
  },
  {
    name: 'drivers-list-unscoped',
    description: 'GET /api/drivers (the /drivers list) holds the drivers of every organization.',
    surface: 'GET /api/drivers, /drivers',
    mustTrip: { scenarios: ['UI-010'], invariants: ['TENANT-001'] },
  },
  {
    name: 'driver-cap-written-to-other-driver',
    description: 'PATCH /api/drivers/{id} writes the weekly cap to the organization\'s first other driver.',
    surface: 'PATCH /api/drivers/{id}, /drivers',
    mustTrip: { scenarios: ['UI-010'], invariants: ['STATE-007', 'WITNESS-001'] },
  },
];

const known = new Set(FAULTS.map((f) => f.name));
const active = new Set<string>();

export function isOn(name: string): boolean {
  return active.size > 0 && active.has(name);
}

const spent = new Set<string>();

/** True once per switch-on: for faults that only the first request after switching them on sees. */
export function isOnOnce(name: string): boolean {
  if (!isOn(name) || spent.has(name)) return false;
  spent.add(name);
  return true;
}

const armed = new Map<string, number>();

/** For a fault that acts for a while after a trigger: arm it where the trigger happens (only while it is on). */
export function arm(name: string, forMs = 10_000): void {
  if (isOn(name)) armed.set(name, Date.now() + forMs);
}

/** Whether an armed fault acts here, now (until its time after the trigger runs out). */
export function armedNow(name: string): boolean {
  return isOn(name) && (armed.get(name) ?? 0) > Date.now();
}

export function activeFaults(): string[] {
  return [...active];
}

/** Replace the active set. Returns the unknown names (nothing changes when there are any). */
export function setActiveFaults(names: string[]): string[] {
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) return unknown;
  active.clear();
  spent.clear();
  armed.clear();
  for (const n of names) active.add(n);
  return [];
}

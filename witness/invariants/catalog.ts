/**
 * The invariants catalog: one entry per id, with what it means, the evidence that proves it and
 * who owns a failure of it. `docs/invariants.md` is generated from this list.
 * Ids are this suite's own catalog; the same number in the real app's tests does not imply the
 * same meaning (docs/architecture.md#ids).
 */
export type Family = 'TENANT' | 'IDEMP' | 'NOTIF' | 'ASSIGN' | 'STATE' | 'WITNESS' | 'AUTH' | 'INFRA' | 'SCHEMA' | 'HARNESS';

export interface Invariant {
  id: string;
  family: Family;
  title: string;
  meaning: string;
  evidence: string;
  owner: string;
  /** checked after every journey on the slot's orgs and by the end-of-run sweep */
  global?: boolean;
}

const SERVICES = 'target services (domain service owners; against an external target: that app\'s service owners)';
const HARNESS = 'witness/ and fixtures/ (integration harness maintainers)';

export const INVARIANTS: Invariant[] = [
  {
    id: 'TENANT-001',
    family: 'TENANT',
    title: 'Lists show only the actor\'s organization',
    meaning: 'No page list or API list of a signed-in user holds a row that belongs to another organization.',
    evidence: 'The page\'s rows (or the API items) with the organization each one belongs to, from the database.',
    owner: SERVICES,
  },
  {
    id: 'TENANT-002',
    family: 'TENANT',
    title: 'Assignments stay in the warehouse\'s organization',
    meaning: 'No assignment is held by a user whose organization differs from the organization of the assignment\'s warehouse.',
    evidence: 'assignments joined to user and warehouses where user.organization_id <> warehouses.organization_id.',
    owner: SERVICES,
    global: true,
  },
  {
    id: 'TENANT-003',
    family: 'TENANT',
    title: 'Bid-window winners stay in the warehouse\'s organization',
    meaning: 'No bid window has a winner whose organization differs from the organization of the window\'s warehouse.',
    evidence: 'bid_windows joined through assignments to warehouses and to the winner user, where the organizations differ.',
    owner: SERVICES,
    global: true,
  },
  {
    id: 'TENANT-004',
    family: 'TENANT',
    title: 'Cross-organization requests are refused',
    meaning: 'A request of a user of one organization on an entity of another is answered with a 4xx and changes nothing.',
    evidence: 'The request, its status and body, and the target rows before and after.',
    owner: SERVICES,
  },
  {
    id: 'TENANT-005',
    family: 'TENANT',
    title: 'Denials leak nothing of the other organization',
    meaning: 'The body of a refused cross-organization request holds no id or name of the other organization\'s entities.',
    evidence: 'The response body and the foreign ids and names searched for in it.',
    owner: SERVICES,
  },
  {
    id: 'TENANT-006',
    family: 'TENANT',
    title: 'An action in one organization leaves the other untouched',
    meaning: 'After a journey acts in one organization, the rows of the other organization it set up are exactly as they were.',
    evidence: 'The other organization\'s rows before and after the action.',
    owner: SERVICES,
  },
  {
    id: 'TENANT-007',
    family: 'TENANT',
    title: 'Bids stay in the bidder\'s organization',
    meaning: 'No bid is placed by a user on a bid window whose assignment belongs to another organization.',
    evidence: 'bids joined to user and, through the assignment, to the warehouse, where the organizations differ.',
    owner: SERVICES,
    global: true,
  },
  {
    id: 'NOTIF-001',
    family: 'NOTIF',
    title: 'Notifications carry the recipient\'s organization',
    meaning: 'Every notification with an organization id has the organization of its recipient.',
    evidence: 'notifications joined to user where notifications.organization_id is not null and differs from user.organization_id.',
    owner: SERVICES,
    global: true,
  },
  {
    id: 'NOTIF-002',
    family: 'NOTIF',
    title: 'Bidding news reaches exactly the drivers it is for',
    meaning: 'A window\'s announcement (bid_open, emergency_route_available) goes once to each eligible driver of its organization and to nobody else; its result (bid_won, bid_lost) goes once to each bidder and to nobody else.',
    evidence: 'The notifications of that type about the assignment, with each recipient\'s organization.',
    owner: SERVICES,
  },
  {
    id: 'IDEMP-003',
    family: 'IDEMP',
    title: 'At most one won bid per bid window',
    meaning: 'No bid window has more than one bid with status won.',
    evidence: 'bids grouped by bid_window_id having more than one won bid.',
    owner: SERVICES,
    global: true,
  },
  {
    id: 'IDEMP-004',
    family: 'IDEMP',
    title: 'Running the close cron again changes no result',
    meaning: 'A second run of close-bid-windows adds no bid_won or bid_lost notification, no second winner and no change to a window it already resolved or to its bids.',
    evidence: 'The window, its bids and its bid_won/bid_lost notifications before and after the rerun.',
    owner: SERVICES,
  },
  {
    id: 'ASSIGN-001',
    family: 'ASSIGN',
    title: 'The assignment holds the expected driver and status',
    meaning: 'After the journey\'s action the assignment has the status and the driver (or no driver) the action must leave.',
    evidence: 'The assignment row.',
    owner: SERVICES,
  },
  {
    id: 'ASSIGN-002',
    family: 'ASSIGN',
    title: 'An accepted window is resolved with its winner and one won bid',
    meaning: 'After a driver wins a bid window, the window is resolved with that driver as winner and exactly one bid, the winner\'s, is won.',
    evidence: 'The bid window row and its bids.',
    owner: SERVICES,
  },
  {
    id: 'ASSIGN-003',
    family: 'ASSIGN',
    title: 'A manual assign and an accept racing leave one outcome',
    meaning: 'When a manager assigns an unfilled assignment while a driver accepts its urgent window, either the driver won (window resolved with the driver, one won bid, the assignment the driver\'s, the manager refused) or the manager\'s driver holds it (no winner, no won bid): never a mix.',
    evidence: 'The assignment, its window and bids, and both answers.',
    owner: SERVICES,
  },
  {
    id: 'ASSIGN-004',
    family: 'ASSIGN',
    title: 'A manual assign goes only to a driver the rules allow',
    meaning: 'The Assign Driver picker offers exactly the organization\'s drivers a manual assign allows (role driver, not flagged, under the weekly cap in the shift\'s week), and an assign to a flagged, at-cap or other organization\'s driver is refused with a 4xx and changes nothing.',
    evidence: 'The picker\'s options with a screenshot, or the request and its answer, against the drivers and their week\'s assignments in the database.',
    owner: SERVICES,
  },
  {
    id: 'STATE-001',
    family: 'STATE',
    title: 'A resolved bid window takes no further accept',
    meaning: 'Once a bid window is resolved, another driver\'s accept is refused with a 4xx and changes nothing (first accept wins).',
    evidence: 'The second request, its status and body.',
    owner: SERVICES,
  },
  {
    id: 'STATE-002',
    family: 'STATE',
    title: 'A bid window moves to the state its rules give',
    meaning: 'A competitive window whose closing time passes with no bid becomes instant, stays open and closes at the shift start (07:00 Toronto); a window a driver or the cron resolved is resolved.',
    evidence: 'The bid_windows row (mode, status, closes_at, winner_id) after the transition.',
    owner: SERVICES,
  },
  {
    id: 'STATE-003',
    family: 'STATE',
    title: 'An urgent window carries its organization\'s emergency bonus',
    meaning: 'A window opened as urgent (emergency) has the pay bonus of its own organization\'s dispatch settings, and that bonus is what the driver is offered and wins with.',
    evidence: 'The bid_windows row with pay_bonus_percent, the organization\'s dispatch settings, the accept\'s answer.',
    owner: SERVICES,
  },
  {
    id: 'STATE-004',
    family: 'STATE',
    title: 'A cron job completes',
    meaning: 'A cron endpoint called with the target\'s cron secret answers 200 with success true.',
    evidence: 'The job, the status and the body (the counters count every organization; the secret is never kept).',
    owner: SERVICES,
  },
  {
    id: 'STATE-005',
    family: 'STATE',
    title: 'A driver\'s shift step is recorded as its rule gives',
    meaning: 'A confirm sets confirmed_at; an arrival creates the shift row with arrived_at and makes the assignment active; a start records parcels_start; a completion records the returns, delivered = start - returned, completed_at and editable_until one hour later, and makes the assignment completed.',
    evidence: 'The assignment and its shifts row after the step, with the step\'s answer.',
    owner: SERVICES,
  },
  {
    id: 'STATE-006',
    family: 'STATE',
    title: 'A driver\'s cancel releases the shift by the late-cancel rule',
    meaning: 'A driver who cancels a future shift no longer holds it: the assignment is unfilled with no driver, cancel_type is late exactly when it was confirmed and the cancel came at or after the confirmation deadline (48 h before the route start), and a replacement window (trigger cancellation) is open with the mode the timing gives (competitive when more than 24 h before 07:00 Toronto on the day, else instant).',
    evidence: 'The assignment (status, user_id, cancel_type, cancelled_at), its bid windows, and the rule\'s inputs (now, confirmed_at, route start).',
    owner: SERVICES,
  },
  {
    id: 'STATE-007',
    family: 'STATE',
    title: 'A manager\'s edit of a driver lands on that driver alone',
    meaning: 'A weekly cap a manager sets on /drivers is stored on that driver, and every other driver of both organizations keeps the cap they had.',
    evidence: 'The drivers\' weekly caps before and after the edit, with the edit\'s answer.',
    owner: SERVICES,
  },
  {
    id: 'NOTIF-003',
    family: 'NOTIF',
    title: 'Marking notifications read touches only the reader\'s own',
    meaning: 'Marking one notification read, or all, persists for the reader\'s notifications of her organization and changes no other user\'s notification (nor hers stamped with another organization).',
    evidence: 'The read flags of the reader\'s notifications and of the other users\' set up beside them, before and after.',
    owner: SERVICES,
  },
  {
    id: 'WITNESS-001',
    family: 'WITNESS',
    title: 'The page shows exactly what the database holds',
    meaning: 'A page list shows, as a multiset, exactly the rows the database holds for the signed-in user: no row missing, extra or shown twice.',
    evidence: 'A screenshot with the list outlined, paired with the query and its rows.',
    owner: SERVICES,
  },
  {
    id: 'WITNESS-002',
    family: 'WITNESS',
    title: 'API answers have the contract\'s shape',
    meaning: 'A successful API answer parses with the zod schema written from the contract (every field the contract always returns is present, with its type).',
    evidence: 'The request, the status, the body and the schema issues.',
    owner: SERVICES,
  },
  {
    id: 'WITNESS-003',
    family: 'WITNESS',
    title: 'The header\'s counts match the database',
    meaning: 'A driver\'s header counts (Needs Confirmation, Available Shifts, the bell\'s unread count) equal what the database holds for her, and still do within 10 s of an action on the page, with no reload.',
    evidence: 'The header\'s accessible names read on each attempt, a screenshot, and the queries with their counts.',
    owner: SERVICES,
  },
  {
    id: 'AUTH-001',
    family: 'AUTH',
    title: 'Sign-in lands on the role\'s home',
    meaning: 'Signing in with the form takes a driver to /dashboard and a manager to /routes.',
    evidence: 'The URL after sign-in and a screenshot of the landing page.',
    owner: SERVICES,
  },
  {
    id: 'AUTH-002',
    family: 'AUTH',
    title: 'Sign-in honours ?redirect=',
    meaning: 'Signing in from /sign-in?redirect=<path> lands on <path>.',
    evidence: 'The URL after sign-in.',
    owner: SERVICES,
  },
  {
    id: 'AUTH-003',
    family: 'AUTH',
    title: 'A wrong password is refused without a session',
    meaning: 'A wrong password shows the warning banner, stays on /sign-in and creates no session row.',
    evidence: 'The banner text, the URL, and the user\'s session count before and after.',
    owner: SERVICES,
  },
  {
    id: 'AUTH-004',
    family: 'AUTH',
    title: 'Role gates turn the wrong role away',
    meaning: 'A driver sent to a manager page is redirected away from it, and a manager API answers a driver with 403.',
    evidence: 'The URL reached and the API status and body.',
    owner: SERVICES,
  },
  {
    id: 'AUTH-005',
    family: 'AUTH',
    title: 'Own-organization requests succeed',
    meaning: 'The same request that must be refused across organizations succeeds (2xx) on the caller\'s own organization: isolation is not bought by refusing everyone.',
    evidence: 'The request, the status and the body.',
    owner: SERVICES,
  },
  {
    id: 'AUTH-006',
    family: 'AUTH',
    title: 'A driver\'s own lists hold only that driver\'s rows',
    meaning: 'A driver\'s history, dashboard and other "mine" answers and pages hold no row of another driver, of the same organization or another.',
    evidence: 'The request and the body (or the page rows), and the other driver\'s ids and name it was searched for.',
    owner: SERVICES,
  },
  {
    id: 'AUTH-007',
    family: 'AUTH',
    title: 'Only the organization\'s owner changes its dispatch settings',
    meaning: 'A PATCH of the dispatch settings by the organization\'s owner is stored for her organization as sent; by any other manager of it (or a driver) it is refused with 403 and changes nothing; the settings answer tells each caller whether she may edit.',
    evidence: 'The request, its status and body, and the organization\'s settings row before and after.',
    owner: SERVICES,
  },
  {
    id: 'INFRA-001',
    family: 'INFRA',
    title: 'Target reachable',
    meaning: 'The target answered HTTP during the run.',
    evidence: 'The URL tried and the network error.',
    owner: '.github/ and .ci/ (CI and workflow maintainers)',
  },
  {
    id: 'INFRA-002',
    family: 'INFRA',
    title: 'Database reachable',
    meaning: 'The target\'s database accepted connections during the run.',
    evidence: 'The host, port and database name tried, and the driver error.',
    owner: '.github/ and .ci/ (CI and workflow maintainers)',
  },
  {
    id: 'INFRA-003',
    family: 'INFRA',
    title: 'Browser present',
    meaning: 'A Chromium to drive was found and launched.',
    evidence: 'The places searched and the launch error.',
    owner: '.github/ and .ci/ (CI and workflow maintainers)',
  },
  {
    id: 'INFRA-004',
    family: 'INFRA',
    title: 'Environment complete and safe',
    meaning: 'The environment contract holds: INTEGRATION_TEST=1, a mode that makes sense, no production-looking URL, no non-local database without consent.',
    evidence: 'The variable at fault (never its secret value).',
    owner: '.github/ and .ci/ (CI and workflow maintainers)',
  },
  {
    id: 'INFRA-005',
    family: 'INFRA',
    title: 'Every selected journey ran',
    meaning: 'The run was not cut short: no selected journey was left unrun by a worker crash, a dead target or database, or an interrupt.',
    evidence: 'The journeys that did not run and the run\'s final status.',
    owner: '.github/ and .ci/ (CI and workflow maintainers)',
  },
  {
    id: 'SCHEMA-001',
    family: 'SCHEMA',
    title: 'Schema matches the contract',
    meaning: 'The database has the contract\'s tables, columns, types, enum values and the unique indexes journeys rely on.',
    evidence: 'The difference between information_schema/pg_catalog and the contract.',
    owner: 'the schema (schema and migration owners)',
  },
  {
    id: 'SCHEMA-002',
    family: 'SCHEMA',
    title: 'Only the contract\'s tables',
    meaning: 'The database the suite writes to holds no table outside the contract (migration bookkeeping excepted).',
    evidence: 'The foreign table names.',
    owner: 'the schema (schema and migration owners)',
  },
  {
    id: 'HARNESS-001',
    family: 'HARNESS',
    title: 'World set-up succeeded',
    meaning: 'The slot\'s seed, reset and builders ran without error.',
    evidence: 'The failing statement and its error.',
    owner: HARNESS,
  },
  {
    id: 'HARNESS-002',
    family: 'HARNESS',
    title: 'Failures carry their ids',
    meaning: 'Every failure names its scenario and its invariant; one that does not is a harness defect.',
    evidence: 'The failure message as it was.',
    owner: HARNESS,
  },
  {
    id: 'HARNESS-003',
    family: 'HARNESS',
    title: 'Evidence captured',
    meaning: 'The screenshot and rows of a witness check were written.',
    evidence: 'The capture error.',
    owner: HARNESS,
  },
  {
    id: 'HARNESS-004',
    family: 'HARNESS',
    title: 'Waits end in the state they wait for',
    meaning: 'Every wait of a page object or check reaches the state it names (a list loaded, a request answered, a control visible) within its time; a wait that times out names what it waited for and the page it was on.',
    evidence: 'The wait\'s name, the page URL and Playwright\'s own timeout line; the trace shows the page at that moment.',
    owner: HARNESS,
  },
  {
    id: 'HARNESS-005',
    family: 'HARNESS',
    title: 'Every cross-org refusal has its positive control',
    meaning: 'A cross-organization request counts as refused only after the same method and path template succeeded, earlier in the same attempt, on an org-A twin entity in the same state; a refusal checked with no control attempted proves nothing and is a harness defect.',
    evidence: 'The refused request, its path template and the controls the attempt had run.',
    owner: HARNESS,
  },
  {
    id: 'HARNESS-006',
    family: 'HARNESS',
    title: 'Journeys finish within their time',
    meaning: 'A journey ends before the test timeout. A timeout while the target and the database still answer is the suite\'s own defect (a wait with no end, a slow step), never Infra/CI; the failure names the step and the action that was pending.',
    evidence: 'The step and pending action at the timeout, and the reachability probe of the target and the database made at that moment.',
    owner: HARNESS,
  },
];

const byId = new Map(INVARIANTS.map((i) => [i.id, i]));

export function invariant(id: string): Invariant {
  const found = byId.get(id);
  if (!found) throw new Error(`HARNESS-002 unknown invariant id ${id}: add it to witness/invariants/catalog.ts`);
  return found;
}

export function isKnownInvariant(id: string): boolean {
  return byId.has(id);
}

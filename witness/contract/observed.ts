/**
 * What the real Drive showed (docs/architecture.md#real-drive): facts seen by driving a local
 * production build of the real app, where the contract is silent or wrong. Page objects and the
 * selector allow-list take the contract's facts plus these; the conformance self-test accepts an
 * entry only with its page, the date it was seen, the real-Drive run it was seen in and the
 * contract section it corrects, so every fact here can be traced back to a run.
 *
 * The reference target reproduces each of them (the README lists the deliberate deviations).
 */
export type ObservedKind = 'css' | 'text' | 'role-name' | 'fact';

export interface Observed {
  /** `css`: a selector page objects may use; `text`: a visible text; `role-name`: an accessible name; `fact`: behaviour */
  kind: ObservedKind;
  /** the selector, text or name (placeholders in braces as in selectors.ts), or the fact in words */
  value: string;
  /** for `role-name`: the role */
  role?: string;
  /** the page (path) it was seen on */
  page: string;
  /** the day it was seen, YYYY-MM-DD */
  seen: string;
  /** the run id of the real-Drive run it was seen in */
  run: string;
  /** the contract section it adds to or corrects */
  corrects: string;
  note: string;
}

/** Real Drive 0c7cf39 (app 1.6.1), preview build, server TZ UTC, browser America/Toronto. */
const SEEN = '2026-12-01';
const RUN = '2026-12-01T20-26-01Z-2ab3';

export const OBSERVED: readonly Observed[] = [
  {
    kind: 'role-name',
    role: 'button',
    value: '{N} days/week',
    page: '/drivers',
    seen: '2026-12-02',
    run: '2026-12-02T03-18-29Z-4607',
    corrects: '§5.9',
    note: 'In Driver Details\' edit mode the Weekly Cap select is a button with no id, name or label of its own: its accessible name is the selected option (`4 days/week`); its listbox offers `1 days/week` … `6 days/week` (UI-010 picks by that name).',
  },
  {
    kind: 'css',
    value: '#route-assign-driver',
    page: '/routes',
    seen: '2026-12-02',
    run: '2026-12-02T03-06-04Z-5a96',
    corrects: '§5.8',
    note: 'The Assign Driver modal\'s "driver select" is a button#route-assign-driver that opens a listbox of li[role=option], one per driver by name only. It offers every driver of the organization, flagged and at-cap ones too (known defect assign-picker-offers-refused-drivers.md). The modal submits through the reassign override, not POST /assign.',
  },
  {
    kind: 'css',
    value: 'form',
    page: '/dashboard',
    seen: '2026-12-02',
    run: '2026-12-02T02-12-50Z-c59a',
    corrects: '§5.2',
    note: 'The parcel count (`#parcels-start`) and the returns (`#parcels-returned`) are each in a <form> whose type=submit button (`Submit`, `Finish Shift`) sends the step; the header row renders a second `I\'m On Site` and a `Submit` that does nothing, so the step\'s button is found through its form (UI-005).',
  },
  {
    kind: 'css',
    value: '.scroll-sentinel',
    page: '/notifications',
    seen: '2026-12-02',
    run: '2026-12-02T02-08-23Z-398a',
    corrects: '§5.6',
    note: 'The infinite-scroll sentinel the contract names without a selector: a div.scroll-sentinel after the last row while more pages exist; scrolled into view, the next 20 rows are appended (UI-006 loads page 2 by it).',
  },
  {
    kind: 'fact',
    value: 'At 390×844 (the phone project) the `Assignment Details` dialog of `/routes` holds the detail rows, the `Suspended` switch and the `Edit` / `Delete` buttons, but none of the footer buttons (`Open Bidding`, `Open Urgent Bidding`, `Assign Driver`).',
    page: '/routes',
    seen: '2026-12-02',
    run: '2026-12-02T00-07-54Z-0c7c',
    corrects: '§5.8',
    note: 'A journey that opens bidding or assigns from /routes is tagged @desktop and does not run on the phone project; the switch (UI-002) works on both.',
  },
  {
    kind: 'fact',
    value: 'On mount the manager header loads the routes list with no date (`GET /api/routes`, the server-local day) next to the page\'s `GET /api/routes?date=<today>`, into the same list; whichever answers last fills the table.',
    page: '/routes',
    seen: '2026-12-02',
    run: '2026-12-02T00-06-56Z-4c92',
    corrects: '§5.8',
    note: 'With the server on UTC, from 19:00 Toronto the table may show tomorrow: filed as a known defect (routes-table-server-date.md); the routes witness names it `other-date`.',
  },
  {
    kind: 'css',
    value: 'table[aria-busy="false"]',
    page: '/routes',
    seen: SEEN,
    run: RUN,
    corrects: '§5.8',
    note: 'While loading, the routes table holds 8 placeholder rows (class loading-row) under aria-busy="true"; once its rows are in, aria-busy is "false". `table tbody tr` alone reads the placeholders.',
  },
  {
    kind: 'fact',
    value: 'A manager without routes gets the loaded table (aria-busy="false") with a single row holding `.empty-state`: `No routes yet` + `Add your first route to get started.`',
    page: '/routes',
    seen: SEEN,
    run: RUN,
    corrects: '§5.8',
    note: 'Rows of the table are read without that row; the Unfilled tab shows its badge even at 0.',
  },
  {
    kind: 'text',
    value: 'Unassigned',
    page: '/routes',
    seen: SEEN,
    run: RUN,
    corrects: '§5.8',
    note: 'The Driver cell of a route with no driver (no assignment, or an unfilled one without an open window).',
  },
  {
    kind: 'text',
    value: '{N}h left',
    page: '/routes',
    seen: SEEN,
    run: RUN,
    corrects: '§5.8',
    note: 'The Driver cell of a bidding route shows the time left on its window: `{N}m left` under an hour, `{N}h left` under a day, `{N}d left` beyond (rounded), `Closed` once past.',
  },
  {
    kind: 'text',
    value: '{N}m left',
    page: '/routes',
    seen: SEEN,
    run: RUN,
    corrects: '§5.8',
    note: 'See `{N}h left`.',
  },
  {
    kind: 'text',
    value: '{N}d left',
    page: '/routes',
    seen: SEEN,
    run: RUN,
    corrects: '§5.8',
    note: 'See `{N}h left`.',
  },
  {
    kind: 'fact',
    value: 'The Driver cell of a suspended route reads `Suspended`; of an assigned route, the driver\'s name.',
    page: '/routes',
    seen: SEEN,
    run: RUN,
    corrects: '§5.8',
    note: 'The table has a sixth, empty cell per row; the detail panel lists Driver only for an assigned route and shows `Off`/`On` beside the Suspended switch.',
  },
  {
    kind: 'fact',
    value: '`h1#page-title` is in the header but empty and never visible (desktop 1280×800 and phone 390×844); /bids, /schedule and /dashboard show a level-1 heading inside main followed by a one-line description; /routes shows no visible heading at all.',
    page: '/bids, /schedule, /dashboard, /routes',
    seen: SEEN,
    run: RUN,
    corrects: '§5 (shell), §5.12',
    note: 'A signed-in page is recognised by its header\'s notification bell, present on both layouts.',
  },
  {
    kind: 'role-name',
    role: 'button',
    value: 'Notifications',
    page: 'every signed-in page',
    seen: SEEN,
    run: RUN,
    corrects: '§5 (shell)',
    note: 'The bell is a button named `Notifications` or `Notifications ({N} Unread)` on the desktop and the phone layout; it renders once the client has loaded.',
  },
  {
    kind: 'fact',
    value: 'Header shortcuts are icon buttons whose accessible name carries the count: `Needs Confirmation`, `Available Shifts`, `Unfilled` with no count at 0, `… (N)` above; the visible badge with the bare number is aria-hidden.',
    page: 'every signed-in page',
    seen: SEEN,
    run: RUN,
    corrects: '§5 (shell)',
    note: 'The sidebar items are role=button elements named by aria-label, not links.',
  },
  {
    kind: 'fact',
    value: 'After an instant accept the item leaves Available Shifts and the bid shows `Won` under My Bids within a second; the `Route assigned!` toast was not found within 10 s.',
    page: '/bids',
    seen: SEEN,
    run: RUN,
    corrects: '§5.4',
    note: 'A toast is transient: no journey waits on one; actions wait on their request\'s answer.',
  },
  {
    kind: 'text',
    value: 'Check back later for newly posted shifts.',
    page: '/bids',
    seen: SEEN,
    run: RUN,
    corrects: '§5.4',
    note: 'Under `No shifts available`; My Bids empty: `No bids yet` + `Place a bid on an available shift to see it here.`',
  },
  {
    kind: 'fact',
    value: 'Items read date, 12-hour start time, bonus, `Closes in about 3 hours` / `Closes in 3 days` (words, not a countdown), route, warehouse; My Bids items read date, time, `Submitted less than a minute ago`, status chip, route, warehouse.',
    page: '/bids',
    seen: SEEN,
    run: RUN,
    corrects: '§5.4',
    note: 'Loading shows `Loading shifts...` per section; each section\'s empty state appears only once its list has loaded.',
  },
  {
    kind: 'fact',
    value: 'Sections `This week` and `Next week`, each with `Week of Nov 30 - Dec 6`; empty: `No assignments yet` + `Assignments will appear once scheduling runs.`; rows show the 12-hour start time.',
    page: '/schedule',
    seen: SEEN,
    run: RUN,
    corrects: '§5.3',
    note: '`Confirm by …` uses the route start time (the isConfirmable flag), e.g. `Confirm by Dec 2, 9:00 AM`.',
  },
  {
    kind: 'fact',
    value: 'The page first calls `GET /api/routes` without a date (the server-local date, UTC on the app\'s servers), then `GET /api/routes?date=<browser-local today>`.',
    page: '/routes',
    seen: SEEN,
    run: RUN,
    corrects: '§5.8',
    note: 'The reference starts with TZ=UTC, as the real app\'s servers run.',
  },
  {
    kind: 'fact',
    value: 'Every `/api` request is logged with the inbound `x-request-id` (echoed in the response), so the suite\'s ids find the server\'s log lines.',
    page: '/api/*',
    seen: SEEN,
    run: RUN,
    corrects: '§0',
    note: 'Request log line fields: requestId, method, route, path, status, durationMs, userId.',
  },
];

/** Why an entry cannot be accepted (empty when it can). */
export function observedProblems(o: Partial<Observed>): string[] {
  const p: string[] = [];
  if (!o.value) p.push('no value');
  if (!o.page) p.push('no page');
  if (!o.seen || !/^\d{4}-\d{2}-\d{2}$/.test(o.seen)) p.push('no date seen (YYYY-MM-DD)');
  if (!o.run || !/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z-[0-9a-f]{4}$/.test(o.run)) p.push('no real-Drive run id');
  if (!o.corrects || !/§\d/.test(o.corrects)) p.push('no contract section (§…)');
  if (o.kind === 'role-name' && !o.role) p.push('a role-name without its role');
  return p;
}

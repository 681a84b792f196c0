// Page bodies. Each list root starts empty; its script fills it from the API.
import { AuthShell, PageIntro } from './layout.js';

export function SignInPage(props: { ignoreRedirect?: boolean; hideErrorBanner?: boolean }) {
  return (
    <AuthShell title="Sign in" scripts={['sign-in.js']}>
      <h1 class="auth-title">Sign in</h1>
      <p class="auth-subtitle">Welcome back. Sign in to continue.</p>
      <div class="notice-banner warning" role="alert" hidden>
        <span class="notice-icon" aria-hidden="true">!</span>
        <span class="notice-content"></span>
      </div>
      <form
        id="sign-in-form"
        class="form"
        method="post"
        novalidate
        data-ignore-redirect={props.ignoreRedirect ? 'true' : undefined}
        data-hide-error-banner={props.hideErrorBanner ? 'true' : undefined}
      >
        <label class="field">
          <span class="field-label">Email</span>
          <input id="email" name="email" type="email" aria-label="Email" placeholder="you@company.com" autocomplete="email" required />
        </label>
        <label class="field">
          <span class="field-label">Password</span>
          <span class="password-wrap">
            <input id="password" name="password" type="password" aria-label="Password" placeholder="Enter your password" autocomplete="current-password" required />
            <button type="button" class="icon-button password-toggle" aria-label="Show password" title="Show password">
              <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                <path d="M12 5c-5 0-9 4.5-10 7 1 2.5 5 7 10 7s9-4.5 10-7c-1-2.5-5-7-10-7Zm0 11a4 4 0 1 1 0-8 4 4 0 0 1 0 8Z" fill="currentColor" />
              </svg>
            </button>
          </span>
        </label>
        <div class="form-row-end">
          <a href="/forgot-password" class="link">Forgot password?</a>
        </div>
        <button type="submit" class="button primary wide">Continue</button>
      </form>
      <p class="auth-footer">
        <a href="/sign-up" class="link">Create account</a>
        <span aria-hidden="true"> · </span>
        <a href="/download" class="link">Download app</a>
      </p>
    </AuthShell>
  );
}

export function PublicStubPage(props: { title: string; text: string; button?: string }) {
  return (
    <AuthShell title={props.title} scripts={[]}>
      <h1 class="auth-title">{props.title}</h1>
      <p class="auth-subtitle">{props.text}</p>
      {props.button ? (
        <button type="button" class="button primary wide" disabled>
          {props.button}
        </button>
      ) : null}
      <p class="auth-footer">
        <a href="/sign-in" class="link">Back to sign in</a>
      </p>
    </AuthShell>
  );
}

export function DashboardBody() {
  // dashboard.js fills every section from GET /api/dashboard; the root says data-loaded="true" once
  // the sections are rendered. Coming Up (section#this-week-shifts) is built by the script inside
  // #needs-confirmation, and only when it has rows.
  return (
    <div class="dashboard" id="dashboard-root" data-loaded="false">
      <PageIntro title="Dashboard" description="Your daily overview and upcoming shifts." />
      <section class="card dashboard-section" aria-labelledby="today-heading">
        <h2 id="today-heading">Today's Shift</h2>
        <div id="today-shift" class="card-body" data-step="none">
          <p class="loading-state">Loading dashboard...</p>
        </div>
      </section>
      <div id="needs-confirmation"></div>
      <div class="card-grid">
        <section class="card dashboard-section" aria-labelledby="this-week-heading">
          <h2 id="this-week-heading">This Week</h2>
          <div class="card-body" id="this-week-body"></div>
        </section>
        <section class="card dashboard-section" aria-labelledby="next-week-heading">
          <h2 id="next-week-heading">Next Week</h2>
          <div class="card-body" id="next-week-body"></div>
        </section>
      </div>
      <section class="card dashboard-section" aria-labelledby="pending-bids-heading">
        <h2 id="pending-bids-heading">Pending Bids</h2>
        <div class="card-body" id="pending-bids-body"></div>
      </section>
    </div>
  );
}

export function ScheduleBody() {
  return (
    <div class="schedule-page">
      <PageIntro title="Schedule" description="Review this week and next week assignments." />
      <div data-testid="schedule-list" data-loaded="false" class="schedule-list">
        <p class="loading-state">Loading schedule...</p>
      </div>
    </div>
  );
}

export function BidsBody() {
  return (
    <div class="bids-page">
      <PageIntro title="Open Shifts" description="View available shifts and place bids." />
      <section id="available-bids" class="card bids-section" aria-labelledby="available-heading">
        <h2 id="available-heading" class="section-label">Available Shifts</h2>
        <div class="section-body" id="available-body">
          <p class="loading-state">Loading shifts...</p>
        </div>
      </section>
      <section class="card bids-section" aria-labelledby="my-bids-heading">
        <h2 id="my-bids-heading" class="section-label">My Bids</h2>
        <div class="section-body" id="my-bids-body">
          <p class="loading-state">Loading shifts...</p>
        </div>
      </section>
    </div>
  );
}

export function HistoryBody() {
  return (
    <div class="history-page">
      <div data-testid="history-list" data-loaded="false" class="history-list"></div>
      <div class="load-more-host"></div>
    </div>
  );
}

export function NotificationsBody() {
  return <div data-testid="notifications-list" data-loaded="false" class="notifications-list"></div>;
}

export function RoutesBody() {
  return (
    <div class="routes-page">
      <div class="tabs" role="tablist" aria-label="Route views">
        <button type="button" role="tab" class="tab" data-tab="routes" aria-selected="true">
          Routes
        </button>
        <button type="button" role="tab" class="tab" data-tab="unfilled" aria-selected="false">
          Unfilled <span class="tab-badge" id="unfilled-badge">0</span>
        </button>
        <button type="button" role="tab" class="tab" data-tab="bid-windows" aria-selected="false">
          Bid Windows
        </button>
      </div>
      <div class="toolbar">
        <span class="chip date-chip" id="routes-date-chip">Today</span>
        <span class="toolbar-date" id="routes-date"></span>
        <button type="button" class="icon-button" id="routes-filter" aria-label="Filter" title="Filter">
          <span aria-hidden="true">⚲</span>
        </button>
        <button type="button" class="icon-button" id="routes-add" aria-label="Add Route" title="Add Route">
          <span aria-hidden="true">+</span>
        </button>
      </div>
      <div class="split">
        <div class="table-host card" id="routes-table-host">
          <table aria-busy="true">
            <thead>
              <tr>
                {['Name', 'Warehouse', 'Start', 'Driver', 'Status'].map((h) => (
                  <th scope="col">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: 8 }, () => (
                <tr class="loading-row">
                  <td></td>
                  <td></td>
                  <td></td>
                  <td></td>
                  <td></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <aside class="detail-panel card" id="detail-panel" hidden></aside>
      </div>
    </div>
  );
}

/** A table as the app renders it while its data loads: placeholder rows under `aria-busy="true"`. */
function LoadingTable(props: { headers: string[] }) {
  return (
    <table aria-busy="true">
      <thead>
        <tr>
          {props.headers.map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: 8 }, () => (
          <tr class="loading-row">
            {props.headers.map(() => (
              <td></td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A toolbar icon button: its tooltip text is its accessible name. */
function ToolbarButton(props: { id: string; label: string; glyph: string }) {
  return (
    <button type="button" class="icon-button" id={props.id} aria-label={props.label} title={props.label}>
      <span aria-hidden="true">{props.glyph}</span>
    </button>
  );
}

/**
 * A manager page around one table (/warehouses, /drivers): a single tab, the toolbar's icon buttons,
 * the busy table its script fills, and the detail panel. `page` names the page's class and ids.
 */
function OneTablePage(props: { page: string; tab: string; tabs: string; tools: { key: string; label: string; glyph: string }[]; headers: string[] }) {
  return (
    <div class={`${props.page}-page`}>
      <div class="tabs" role="tablist" aria-label={props.tabs}>
        <button type="button" role="tab" class="tab" data-tab={props.page} aria-selected="true">
          {props.tab}
        </button>
      </div>
      <div class="toolbar">
        {props.tools.map((t) => (
          <ToolbarButton id={`${props.page}-${t.key}`} label={t.label} glyph={t.glyph} />
        ))}
      </div>
      <div class="split">
        <div class="table-host card" id={`${props.page}-table-host`}>
          <LoadingTable headers={props.headers} />
        </div>
        <aside class="detail-panel card" id="detail-panel" hidden></aside>
      </div>
    </div>
  );
}

/** warehouses.js fills the table from GET /api/warehouses and opens the Create Warehouse modal. */
export function WarehousesBody() {
  const tools = [
    { key: 'filter', label: 'Filter', glyph: '⚲' },
    { key: 'add', label: 'Add Warehouse', glyph: '+' },
    { key: 'reset', label: 'Reset column sizes', glyph: '↔' },
  ];
  const headers = ['Name', 'Address', 'Routes', 'Drivers (7d)', 'Unfilled (7d)', 'Open Windows', 'Managers'];
  return <OneTablePage page="warehouses" tab="Warehouses" tabs="Warehouse views" tools={tools} headers={headers} />;
}

/** drivers.js fills the table from GET /api/drivers; the detail panel edits the weekly cap. */
export function DriversBody() {
  const tools = [
    { key: 'filter', label: 'Filter', glyph: '⚲' },
    { key: 'reset', label: 'Reset filters', glyph: '↺' },
  ];
  const headers = ['Name', 'Email', 'Phone', 'Health', 'Attendance', 'Completion', 'Avg Parcels Delivered', 'Weekly Cap'];
  return <OneTablePage page="drivers" tab="Drivers" tabs="Driver views" tools={tools} headers={headers} />;
}

export function PlaceholderBody(props: { text: string }) {
  return (
    <section class="card">
      <p class="muted">{props.text}</p>
    </section>
  );
}

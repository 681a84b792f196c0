// Server-rendered page shells (hono/jsx). Data is loaded by the small scripts in target/public/.
import type { Child } from 'hono/jsx';
import type { AppUser } from '../http.js';

export interface ShellCounts {
  unread: number;
  needsConfirmation?: number;
  availableShifts?: number;
  unfilled?: number;
  /** faults that live in the browser scripts (target/faults.ts), named on <body data-client-faults> */
  clientFaults?: string[];
}

const DRIVER_NAV = [
  ['Dashboard', '/dashboard'],
  ['Schedule', '/schedule'],
  ['Open Shifts', '/bids'],
  ['History', '/history'],
] as const;

const MANAGER_NAV = [
  ['Drivers', '/drivers'],
  ['Routes', '/routes'],
  ['Warehouses', '/warehouses'],
  ['Whitelist', '/whitelist'],
  ['Reports', '/weekly-reports'],
] as const;

function Document(props: { title: string; children: Child; scripts?: string[]; bodyClass?: string; clientFaults?: string[] }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Drive`}</title>
        <link rel="stylesheet" href="/static/style.css" />
      </head>
      <body class={props.bodyClass} data-client-faults={props.clientFaults?.length ? props.clientFaults.join(' ') : undefined}>
        {props.children}
        <div id="toast-region" class="toast-region" aria-live="polite"></div>
        {(props.scripts ?? []).map((s) => (
          <script type="module" src={`/static/${s}`}></script>
        ))}
      </body>
    </html>
  );
}

export function bellLabel(unread: number): string {
  return unread > 0 ? `Notifications (${unread} Unread)` : 'Notifications';
}

/** A header shortcut: an icon button named `Label (N)` (just `Label` at 0), the number as a hidden badge. */
function HeaderCount(props: { label: string; count: number; href: string; glyph: string }) {
  const shown = props.count > 99 ? '99+' : String(props.count);
  return (
    <button type="button" class="icon-button header-count" aria-label={props.count > 0 ? `${props.label} (${props.count})` : props.label} title={props.label} data-href={props.href}>
      <span aria-hidden="true">{props.glyph}</span>
      {props.count > 0 ? (
        <span class="badge" aria-hidden="true">
          {shown}
        </span>
      ) : null}
    </button>
  );
}

/** A page's visible heading and its one-line description, inside main. */
export function PageIntro(props: { title: string; description: string }) {
  return (
    <div class="page-intro">
      <h1 class="page-intro-title">{props.title}</h1>
      <p class="page-intro-text">{props.description}</p>
    </div>
  );
}

export function AppShell(props: {
  user: AppUser;
  title: string;
  path: string;
  counts: ShellCounts;
  scripts: string[];
  children: Child;
}) {
  const nav = props.user.role === 'manager' ? MANAGER_NAV : DRIVER_NAV;
  const isCurrent = (href: string) => props.path === href || props.path.startsWith(`${href}/`);
  const badge = props.counts.unread > 99 ? '99+' : String(props.counts.unread);
  return (
    <Document title={props.title} scripts={['shell.js', ...props.scripts]} bodyClass="app" clientFaults={props.counts.clientFaults}>
      <div class="layout">
        <aside class="sidebar">
          <div class="brand">
            <span class="brand-mark" aria-hidden="true">D</span>
            <span class="brand-name">Drive</span>
          </div>
          <nav aria-label="Main navigation">
            <ul>
              {nav.map(([label, href]) => (
                <li>
                  <a href={href} class={isCurrent(href) ? 'nav-item active' : 'nav-item'} aria-current={isCurrent(href) ? 'page' : undefined}>
                    {label}
                  </a>
                </li>
              ))}
              <li>
                <a href="/settings" class={isCurrent('/settings') ? 'nav-item active' : 'nav-item'}>
                  Settings
                </a>
              </li>
              <li>
                <button type="button" class="nav-item nav-logout" data-action="sign-out">
                  Log out
                </button>
              </li>
            </ul>
          </nav>
          <div class="sidebar-user">
            <span class="user-name">{props.user.name}</span>
            <span class="user-role">{props.user.role === 'manager' ? 'Manager' : 'Driver'}</span>
          </div>
        </aside>
        <div class="main">
          <header class="page-header">
            {/* As on the real app's desktop and phone layouts: the header's title slot is present but
                empty; each page shows its own visible heading inside main. */}
            <h1 id="page-title" class="page-title-slot"></h1>
            <div class="header-actions">
              {props.user.role === 'driver' ? (
                <>
                  <HeaderCount label="Needs Confirmation" count={props.counts.needsConfirmation ?? 0} href="/dashboard#needs-confirmation" glyph="✓" />
                  <HeaderCount label="Available Shifts" count={props.counts.availableShifts ?? 0} href="/bids#available-bids" glyph="+" />
                </>
              ) : (
                <HeaderCount label="Unfilled" count={props.counts.unfilled ?? 0} href="/routes?tab=unfilled" glyph="!" />
              )}
              <button
                type="button"
                class="icon-button bell"
                id="notifications-bell"
                aria-label={bellLabel(props.counts.unread)}
                title="Notifications"
                data-href="/notifications"
              >
                <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                  <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" fill="currentColor" />
                </svg>
                {props.counts.unread > 0 ? <span class="badge">{badge}</span> : null}
              </button>
            </div>
          </header>
          <main class="content">{props.children}</main>
        </div>
      </div>
    </Document>
  );
}

export function AuthShell(props: { title: string; scripts: string[]; children: Child }) {
  return (
    <Document title={props.title} scripts={props.scripts} bodyClass="auth">
      <main class="auth-main">
        <div class="auth-card">
          <div class="brand auth-brand">
            <span class="brand-mark" aria-hidden="true">D</span>
            <span class="brand-name">Drive</span>
          </div>
          {props.children}
        </div>
      </main>
    </Document>
  );
}

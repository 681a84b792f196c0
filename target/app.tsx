// The Hono app: request ids, auth, guards, APIs, pages and static scripts.
import { randomUUID } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { now } from './clock.js';
import { isOn } from './faults.js';
import { q, q1 } from './db.js';
import type { Auth } from './auth.js';
import { type AppEnv, type AppUser, HttpError } from './http.js';
import { hooksApi } from './api/hooks.js';
import { cronApi } from './api/cron.js';
import { driverAssignmentsApi } from './api/driver-assignments.js';
import { bidsApi } from './api/bids.js';
import { historyApi } from './api/history.js';
import { shiftsApi } from './api/shifts.js';
import { preferencesApi } from './api/preferences.js';
import { dashboardApi } from './api/dashboard.js';
import { routesApi } from './api/routes.js';
import { managerAssignmentsApi } from './api/manager-assignments.js';
import { bidWindowsApi } from './api/bid-windows.js';
import { warehousesApi } from './api/warehouses.js';
import { driversApi } from './api/drivers.js';
import { settingsApi } from './api/settings.js';
import { usersApi } from './api/users.js';
import { onboardingApi } from './api/onboarding.js';
import { weeklyReportsApi } from './api/weekly-reports.js';
import { notificationsApi, unreadCount } from './api/notifications.js';
import { AppShell, type ShellCounts } from './pages/layout.js';
import {
  BidsBody, DashboardBody, DriversBody, HistoryBody, NotificationsBody, PlaceholderBody, PublicStubPage, RoutesBody, ScheduleBody, SignInPage, WarehousesBody,
} from './pages/pages.js';
import { listRoutes } from './services/routes.js';
import { confirmationWindow } from './services/lifecycle.js';
import { serverLocalDate, torontoDate } from './time.js';

const PUBLIC_DIR = join(dirname(fileURLToPath(import.meta.url)), 'public');
const MIME: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

const PUBLIC_PAGES = new Set(['/', '/sign-in', '/sign-up', '/forgot-password', '/reset-password', '/download']);
const PUBLIC_API_PREFIXES = ['/api/auth', '/api/cron'];
const PUBLIC_API = new Set(['/api/app-version']);

const SIGN_IN_WINDOW_MS = 5 * 60_000;
const SIGN_IN_MAX_FAILURES = 20;

export interface AppOptions {
  auth: Auth;
  hooks: boolean;
  log: boolean;
  /** a file to append one JSON line per request to (request id, method, path, status), like the real app's request log */
  requestLog?: string;
  cronSecret?: string;
}

function homeFor(user: AppUser): string {
  return user.role === 'manager' ? '/routes' : '/dashboard';
}

export function createApp(opts: AppOptions) {
  const { auth } = opts;
  const app = new Hono<AppEnv>();

  app.onError((err, c) => {
    if (err instanceof HttpError) return c.json(err.body, err.status as 400);
    process.stderr.write(`error ${c.req.method} ${c.req.path}: ${(err as Error).stack ?? err}\n`);
    return c.json({ message: 'Internal server error' }, 500);
  });

  app.use('*', async (c, next) => {
    const started = Date.now();
    const rid = c.req.header('x-request-id') || randomUUID();
    c.set('requestId', rid);
    c.set('user', null);
    await next();
    c.header('x-request-id', rid);
    if (opts.log) process.stderr.write(`${c.req.method} ${c.req.path} ${c.res.status} ${Date.now() - started}ms ${rid}\n`);
    if (opts.requestLog) {
      const line = { requestId: rid, inbound: c.req.header('x-request-id') ?? null, method: c.req.method, path: c.req.path, status: c.res.status };
      appendFileSync(opts.requestLog, `${JSON.stringify(line)}\n`);
    }
  });

  // ── Test hooks ───────────────────────────────────────────────────────────────────────────
  if (opts.hooks) {
    app.route('/', hooksApi);
    // Every API route this reference serves, as `{ method, path }` with `:name` params (the suite
    // checks its endpoint catalog against it over HTTP; it imports nothing from here).
    app.get('/__witness/routes', (c) => {
      const served = app.routes.filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL' && !r.path.includes('*'));
      const routes = [...new Map(served.map((r) => [`${r.method} ${r.path}`, { method: r.method, path: r.path }])).values()];
      return c.json({ routes });
    });
  } else app.all('/__witness/*', (c) => c.json({ message: 'Not found' }, 404));

  // ── Static scripts and styles ────────────────────────────────────────────────────────────
  const assets = new Map<string, { body: string; type: string }>();
  for (const name of readdirSync(PUBLIC_DIR)) {
    const type = MIME[extname(name)];
    if (type) assets.set(name, { body: readFileSync(join(PUBLIC_DIR, name), 'utf8'), type });
  }
  app.get('/static/:file', (c) => {
    const asset = assets.get(c.req.param('file'));
    if (!asset) return c.text('Not found', 404);
    return c.body(asset.body, 200, { 'content-type': asset.type, 'cache-control': 'no-cache' });
  });

  app.get('/favicon.ico', (c) => c.body(null, 204));

  // ── Better Auth (with Drive's per-email sign-in failure throttle) ────────────────────────
  app.post('/api/auth/sign-in/email', async (c) => {
    const raw = c.req.raw;
    let email = '';
    try {
      const parsed = JSON.parse(await raw.clone().text()) as { email?: unknown };
      if (typeof parsed.email === 'string') email = parsed.email.trim().toLowerCase();
    } catch {
      /* Better Auth reports the bad body itself */
    }
    const key = `email:${email}|/sign-in/email`;
    if (email) {
      const row = await q1<{ count: number; last_request: string }>(`SELECT count, last_request FROM rate_limit WHERE key = $1`, [key]);
      const since = row ? Date.now() - Number(row.last_request) : Infinity;
      if (row && row.count >= SIGN_IN_MAX_FAILURES && since < SIGN_IN_WINDOW_MS) {
        const retry = Math.max(1, Math.ceil((SIGN_IN_WINDOW_MS - since) / 1000));
        return c.json({ message: 'Too many requests. Please try again later.' }, 429, { 'X-Retry-After': String(retry) });
      }
    }
    const res = await auth.handler(raw);
    if (email) {
      if (res.status === 401) {
        await q(
          `INSERT INTO rate_limit (id, key, count, last_request) VALUES ($1, $2, 1, $3)
           ON CONFLICT (key) DO UPDATE SET
             count = CASE WHEN $3 - rate_limit.last_request > $4 THEN 1 ELSE rate_limit.count + 1 END,
             last_request = $3`,
          [randomUUID(), key, Date.now(), SIGN_IN_WINDOW_MS],
        );
      } else if (res.ok) {
        await q(`DELETE FROM rate_limit WHERE key = $1`, [key]);
      }
    }
    return res;
  });
  app.on(['GET', 'POST'], '/api/auth/*', (c) => auth.handler(c.req.raw));

  // ── Session for every other request ──────────────────────────────────────────────────────
  app.use('*', async (c, next) => {
    const p = c.req.path;
    if (p.startsWith('/static/') || p.startsWith('/__witness/')) return next();
    const session = await auth.api.getSession({ headers: c.req.raw.headers }).catch(() => null);
    if (session?.user) {
      const u = session.user as Record<string, unknown>;
      c.set('user', {
        id: String(u.id),
        name: String(u.name ?? ''),
        email: String(u.email ?? ''),
        role: String(u.role ?? 'driver'),
        organizationId: typeof u.organizationId === 'string' ? u.organizationId : null,
        weeklyCap: Number(u.weeklyCap ?? 4),
        isFlagged: Boolean(u.isFlagged),
      });
    }
    return next();
  });

  // Unauthenticated non-public API → 401.
  app.use('/api/*', async (c, next) => {
    const p = c.req.path;
    const isPublic = PUBLIC_API.has(p) || PUBLIC_API_PREFIXES.some((pre) => p === pre || p.startsWith(`${pre}/`));
    if (!isPublic && !c.get('user')) return c.json({ message: 'Unauthorized' }, 401);
    return next();
  });

  app.route('/', cronApi(opts.cronSecret));
  // Driver APIs (contract §4.1, §4.3), then manager APIs (§4.4–§4.7). No two of these modules
  // register routes that can match the same method and path, so mount order between them does not
  // change matching; they stay before the /api/* 404 below.
  app.route('/', driverAssignmentsApi);
  app.route('/', bidsApi);
  app.route('/', historyApi);
  app.route('/', shiftsApi);
  app.route('/', preferencesApi);
  app.route('/', dashboardApi);
  app.route('/', routesApi);
  app.route('/', managerAssignmentsApi);
  app.route('/', bidWindowsApi);
  app.route('/', warehousesApi);
  app.route('/', driversApi);
  app.route('/', settingsApi);
  app.route('/', usersApi);
  app.route('/', onboardingApi);
  app.route('/', weeklyReportsApi);
  app.route('/', notificationsApi);
  app.get('/api/app-version', (c) => c.json({ message: 'App version lookup is unavailable' }, 503));
  app.all('/api/*', (c) => c.json({ message: 'Not found' }, 404));

  // ── Pages ────────────────────────────────────────────────────────────────────────────────
  app.get('/', (c) => {
    const user = c.get('user');
    if (!user) return c.redirect('/sign-in', 302);
    return c.redirect(isOn('home-redirect-wrong') ? '/notifications' : homeFor(user), 302);
  });

  const authPages: Record<string, () => Child> = {
    '/sign-in': () => <SignInPage ignoreRedirect={isOn('signin-ignores-redirect')} hideErrorBanner={isOn('signin-hides-error-banner')} />,
    '/sign-up': () => <PublicStubPage title="Create account" text="Accounts are created by your organization's manager." button="Create account" />,
    '/forgot-password': () => <PublicStubPage title="Forgot password" text="Ask a manager to reset your password." button="Send Reset Link" />,
    '/reset-password': () => <PublicStubPage title="Reset password" text="Password reset links are not sent by this server." button="Reset Password" />,
  };
  for (const [path, render] of Object.entries(authPages)) {
    app.get(path, (c) => {
      const user = c.get('user');
      if (user) return c.redirect(homeFor(user), 302);
      return c.html(render() as string);
    });
  }
  app.get('/download', (c) => c.html((<PublicStubPage title="Download app" text="The mobile app is not distributed by this server." />) as string));

  type PageDef = { role: 'driver' | 'manager' | 'any'; title: string; body: () => Child; scripts: string[] };
  const pages: Record<string, PageDef> = {
    '/dashboard': { role: 'driver', title: 'Dashboard', body: () => <DashboardBody />, scripts: ['dashboard.js'] },
    '/schedule': { role: 'driver', title: 'Schedule', body: () => <ScheduleBody />, scripts: ['schedule.js'] },
    '/bids': { role: 'driver', title: 'Open Shifts', body: () => <BidsBody />, scripts: ['bids.js'] },
    '/history': { role: 'driver', title: 'History', body: () => <HistoryBody />, scripts: ['history.js'] },
    '/routes': { role: 'manager', title: 'Routes', body: () => <RoutesBody />, scripts: ['routes.js'] },
    '/drivers': { role: 'manager', title: 'Drivers', body: () => <DriversBody />, scripts: ['drivers.js'] },
    '/warehouses': { role: 'manager', title: 'Warehouses', body: () => <WarehousesBody />, scripts: ['warehouses.js'] },
    '/whitelist': { role: 'manager', title: 'Whitelist', body: () => <PlaceholderBody text="Signup approvals are not part of this reference build." />, scripts: [] },
    '/weekly-reports': { role: 'manager', title: 'Weekly Reports', body: () => <PlaceholderBody text="Weekly reports are not part of this reference build." />, scripts: [] },
    '/admin/reset-password': { role: 'manager', title: 'Reset User Password', body: () => <PlaceholderBody text="Password resets are not part of this reference build." />, scripts: [] },
    '/notifications': { role: 'any', title: 'Notifications', body: () => <NotificationsBody />, scripts: ['notifications.js'] },
    '/settings': { role: 'any', title: 'Settings', body: () => <PlaceholderBody text="Account settings are not part of this reference build." />, scripts: [] },
  };

  app.get('*', async (c) => {
    const user = c.get('user');
    const url = new URL(c.req.url);
    if (!user) return c.redirect(`/sign-in?redirect=${encodeURIComponent(url.pathname + url.search)}`, 302);
    const page = pages[url.pathname.replace(/\/+$/, '') || '/'];
    if (!page) return c.html('<!doctype html><title>Not found</title><p>Page not found. <a href="/">Home</a></p>', 404);
    const gateOff = url.pathname === '/routes' && isOn('role-gate-off-routes');
    if (page.role !== 'any' && user.role !== page.role && !gateOff) return c.redirect('/?error=access_denied', 302);
    const counts = await shellCounts(user);
    return c.html(
      (
        <AppShell user={user} title={page.title} path={url.pathname} counts={counts} scripts={page.scripts}>
          {page.body()}
        </AppShell>
      ) as string,
    );
  });

  return app;
}

/** Faults the browser scripts act on (the server names them on the page's body). */
const CLIENT_FAULTS = ['header-count-stale-after-accept', 'bell-forgets-pending-read'];

/** Header counters: bell, and the driver/manager shortcut buttons. */
async function shellCounts(user: AppUser): Promise<ShellCounts> {
  if (!user.organizationId) return { unread: 0 };
  const unread = await unreadCount(user.id, user.organizationId);
  const clientFaults = CLIENT_FAULTS.filter(isOn);
  if (user.role === 'manager') {
    const routes = await listRoutes({ id: user.id, organizationId: user.organizationId }, serverLocalDate(now()));
    return { unread, clientFaults, unfilled: routes.filter((r) => r.status === 'unfilled' || r.status === 'bidding').length };
  }
  const n = now();
  const today = torontoDate(n);
  const pending = await q<{ date: string; start_time: string }>(
    `SELECT a.date, r.start_time FROM assignments a JOIN routes r ON r.id = a.route_id
     WHERE a.user_id = $1 AND a.status = 'scheduled' AND a.confirmed_at IS NULL AND a.date >= $2`,
    [user.id, today],
  );
  const needsConfirmation = pending.filter((p) => {
    // As the real app's header counts them: the shift start fixed at 07:00, whatever the route's start.
    const w = confirmationWindow(p.date, '07:00');
    return w.opensAt <= n && n <= w.deadline;
  }).length;
  const avail = await q1<{ n: number }>(
    `SELECT count(*)::int AS n FROM bid_windows bw JOIN assignments a ON a.id = bw.assignment_id
     JOIN warehouses w ON w.id = a.warehouse_id
     WHERE bw.status = 'open' AND bw.closes_at > $3 AND w.organization_id = $2
       AND NOT EXISTS (SELECT 1 FROM bids b WHERE b.bid_window_id = bw.id AND b.user_id = $1)`,
    [user.id, user.organizationId, n],
  );
  return { unread, clientFaults, needsConfirmation, availableShifts: user.isFlagged ? 0 : avail?.n ?? 0 };
}

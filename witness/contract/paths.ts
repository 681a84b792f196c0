/**
 * The path templates of the Drive contract's HTTP API (contract §4), ids written `{id}`. A concrete
 * request path is reduced to its template to pair a cross-org refusal with its positive control
 * (docs/architecture.md#controls) and to name a check in a signature.
 */
export const API_PATHS: readonly string[] = [
  // §4.1 driver: assignments, schedule, dashboard
  '/api/assignments/mine', '/api/assignments/{id}/confirm', '/api/assignments/{id}/cancel', '/api/dashboard', '/api/metrics',
  '/api/history', '/api/driver-health', '/api/preferences', '/api/preferences/routes',
  // §4.2 shift execution
  '/api/shifts/arrive', '/api/shifts/start', '/api/shifts/complete', '/api/shifts/{id}/edit',
  // §4.3 bidding
  '/api/bids/available', '/api/bids/mine', '/api/bids',
  // §4.4 manager: assignments and bid windows
  '/api/assignments/{id}/override', '/api/assignments/{id}/assign', '/api/assignments/{id}/emergency-reopen',
  '/api/bid-windows', '/api/bid-windows/{id}/close', '/api/bid-windows/{id}/assign',
  // §4.5 routes, §4.6 warehouses
  '/api/routes', '/api/routes/{id}', '/api/warehouses', '/api/warehouses/{id}', '/api/warehouses/{id}/managers',
  // §4.7 drivers, onboarding, reports
  '/api/drivers', '/api/drivers/{id}', '/api/drivers/{id}/health', '/api/drivers/{id}/shifts', '/api/drivers/{id}/shifts/{id}/edit',
  '/api/onboarding', '/api/onboarding/{id}/revoke', '/api/onboarding/{id}/restore', '/api/weekly-reports', '/api/weekly-reports/{id}',
  // §4.8 any signed-in user
  '/api/notifications', '/api/notifications/{id}/read', '/api/notifications/mark-all-read', '/api/users/me', '/api/users/password',
  '/api/users/locale', '/api/users/fcm-token', '/api/settings/dispatch', '/api/sse/manager', '/api/app-version',
  // §4.9 cron
  '/api/cron/close-bid-windows', '/api/cron/auto-drop-unconfirmed', '/api/cron/no-show-detection', '/api/cron/lock-preferences',
  '/api/cron/send-confirmation-reminders', '/api/cron/shift-reminders', '/api/cron/stale-shift-reminder', '/api/cron/performance-check',
  '/api/cron/health-daily', '/api/cron/health-weekly',
];

const split = (p: string) => p.split('/').filter(Boolean);

/**
 * The contract template of a request path (query dropped): the template of the same length whose
 * literal segments all match, the one with the most literal segments first. A path the contract
 * does not list keeps its literal segments and has every segment that looks like an id replaced.
 */
export function pathTemplate(path: string): string {
  const segs = split(path.split('?')[0]!);
  let best: { t: string; literals: number } | null = null;
  for (const t of API_PATHS) {
    const ts = split(t);
    if (ts.length !== segs.length) continue;
    let literals = 0;
    let fits = true;
    for (let i = 0; i < ts.length; i++) {
      if (ts[i] === '{id}') continue;
      if (ts[i] !== segs[i]) {
        fits = false;
        break;
      }
      literals++;
    }
    if (fits && (!best || literals > best.literals)) best = { t, literals };
  }
  if (best) return best.t;
  return `/${segs.map((s) => (/\d/.test(s) && /^[A-Za-z0-9:_-]{6,}$/.test(s) ? '{id}' : s)).join('/')}`;
}

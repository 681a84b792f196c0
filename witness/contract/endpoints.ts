/**
 * Every org-scoped endpoint of the Drive contract (§4.1–§4.8), one entry each, with what makes it
 * org-scoped (docs/architecture.md#conformance). Left out, and only these: `/api/auth/*`,
 * `/api/cron/*`, `/api/sse/*`, `/api/app-version` and the reference's test hooks (EXCLUDED).
 *
 * Kinds:
 * - `id-bearing`: the path or the body carries an org-scoped id (`ids`); org B's id must be refused.
 * - `list`: answers rows of the caller's org; none of another org may be in it.
 * - `self`: the caller's own data (or a create in the caller's own org); another user's or org's must
 *   never be reached or changed, and a caller of the wrong role is refused.
 * - `owner-only`: only the organization's owner may call it.
 */

export type EndpointKind = 'id-bearing' | 'list' | 'self' | 'owner-only';
export type Entity = 'assignment' | 'bidWindow' | 'route' | 'warehouse' | 'driver' | 'manager' | 'notification' | 'onboarding';

export interface IdField {
  in: 'path' | 'body';
  /** the path parameter or body field */
  name: string;
  entity: Entity;
}

export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** the contract's path, parameters as `{name}` */
  path: string;
  section: '4.1' | '4.2' | '4.3' | '4.4' | '4.5' | '4.6' | '4.7' | '4.8';
  role: 'driver' | 'manager' | 'any';
  kind: EndpointKind;
  ids?: IdField[];
  /** it changes the caller's credentials or session: probe with a throwaway user */
  throwaway?: true;
}

const p = (name: string, entity: Entity): IdField => ({ in: 'path', name, entity });
const b = (name: string, entity: Entity): IdField => ({ in: 'body', name, entity });

export const ENDPOINTS: readonly Endpoint[] = [
  // §4.1 Driver: assignments, schedule, dashboard
  { method: 'GET', path: '/api/assignments/mine', section: '4.1', role: 'driver', kind: 'list' },
  { method: 'POST', path: '/api/assignments/{id}/confirm', section: '4.1', role: 'driver', kind: 'id-bearing', ids: [p('id', 'assignment')] },
  { method: 'POST', path: '/api/assignments/{id}/cancel', section: '4.1', role: 'driver', kind: 'id-bearing', ids: [p('id', 'assignment')] },
  { method: 'GET', path: '/api/dashboard', section: '4.1', role: 'driver', kind: 'list' },
  { method: 'GET', path: '/api/metrics', section: '4.1', role: 'driver', kind: 'self' },
  { method: 'GET', path: '/api/history', section: '4.1', role: 'driver', kind: 'list' },
  { method: 'GET', path: '/api/driver-health', section: '4.1', role: 'driver', kind: 'self' },
  { method: 'GET', path: '/api/preferences', section: '4.1', role: 'driver', kind: 'self' },
  { method: 'PUT', path: '/api/preferences', section: '4.1', role: 'driver', kind: 'id-bearing', ids: [b('preferredRoutes', 'route')] },
  { method: 'GET', path: '/api/preferences/routes', section: '4.1', role: 'driver', kind: 'list' },
  // §4.2 Driver: shift execution
  { method: 'POST', path: '/api/shifts/arrive', section: '4.2', role: 'driver', kind: 'id-bearing', ids: [b('assignmentId', 'assignment')] },
  { method: 'POST', path: '/api/shifts/start', section: '4.2', role: 'driver', kind: 'id-bearing', ids: [b('assignmentId', 'assignment')] },
  { method: 'POST', path: '/api/shifts/complete', section: '4.2', role: 'driver', kind: 'id-bearing', ids: [b('assignmentId', 'assignment')] },
  { method: 'PATCH', path: '/api/shifts/{assignmentId}/edit', section: '4.2', role: 'driver', kind: 'id-bearing', ids: [p('assignmentId', 'assignment')] },
  // §4.3 Driver: bidding
  { method: 'GET', path: '/api/bids/available', section: '4.3', role: 'driver', kind: 'list' },
  { method: 'GET', path: '/api/bids/mine', section: '4.3', role: 'driver', kind: 'list' },
  { method: 'POST', path: '/api/bids', section: '4.3', role: 'driver', kind: 'id-bearing', ids: [b('assignmentId', 'assignment')] },
  // §4.4 Manager: assignments and bid windows
  { method: 'POST', path: '/api/assignments/{id}/override', section: '4.4', role: 'manager', kind: 'id-bearing', ids: [p('id', 'assignment'), b('driverId', 'driver')] },
  { method: 'POST', path: '/api/assignments/{id}/assign', section: '4.4', role: 'manager', kind: 'id-bearing', ids: [p('id', 'assignment'), b('userId', 'driver')] },
  { method: 'POST', path: '/api/assignments/{id}/emergency-reopen', section: '4.4', role: 'manager', kind: 'id-bearing', ids: [p('id', 'assignment')] },
  { method: 'GET', path: '/api/bid-windows', section: '4.4', role: 'manager', kind: 'list' },
  { method: 'POST', path: '/api/bid-windows/{id}/close', section: '4.4', role: 'manager', kind: 'id-bearing', ids: [p('id', 'bidWindow')] },
  { method: 'POST', path: '/api/bid-windows/{id}/assign', section: '4.4', role: 'manager', kind: 'id-bearing', ids: [p('id', 'bidWindow'), b('driverId', 'driver')] },
  // §4.5 Manager: routes
  { method: 'GET', path: '/api/routes', section: '4.5', role: 'manager', kind: 'list' },
  { method: 'POST', path: '/api/routes', section: '4.5', role: 'manager', kind: 'id-bearing', ids: [b('warehouseId', 'warehouse'), b('managerId', 'manager')] },
  { method: 'PATCH', path: '/api/routes/{id}', section: '4.5', role: 'manager', kind: 'id-bearing', ids: [p('id', 'route'), b('warehouseId', 'warehouse'), b('managerId', 'manager')] },
  { method: 'DELETE', path: '/api/routes/{id}', section: '4.5', role: 'manager', kind: 'id-bearing', ids: [p('id', 'route')] },
  // §4.6 Manager: warehouses
  { method: 'GET', path: '/api/warehouses', section: '4.6', role: 'manager', kind: 'list' },
  // A create names no foreign id: it must land in the caller's own org (self), refused to a driver.
  { method: 'POST', path: '/api/warehouses', section: '4.6', role: 'manager', kind: 'self' },
  { method: 'GET', path: '/api/warehouses/{id}', section: '4.6', role: 'manager', kind: 'id-bearing', ids: [p('id', 'warehouse')] },
  { method: 'PATCH', path: '/api/warehouses/{id}', section: '4.6', role: 'manager', kind: 'id-bearing', ids: [p('id', 'warehouse')] },
  { method: 'DELETE', path: '/api/warehouses/{id}', section: '4.6', role: 'manager', kind: 'id-bearing', ids: [p('id', 'warehouse')] },
  { method: 'GET', path: '/api/warehouses/{id}/managers', section: '4.6', role: 'manager', kind: 'id-bearing', ids: [p('id', 'warehouse')] },
  { method: 'POST', path: '/api/warehouses/{id}/managers', section: '4.6', role: 'manager', kind: 'id-bearing', ids: [p('id', 'warehouse'), b('userId', 'manager')] },
  { method: 'DELETE', path: '/api/warehouses/{id}/managers', section: '4.6', role: 'manager', kind: 'id-bearing', ids: [p('id', 'warehouse'), b('userId', 'manager')] },
  // §4.7 Manager: drivers, onboarding, reports
  { method: 'GET', path: '/api/drivers', section: '4.7', role: 'manager', kind: 'list' },
  { method: 'PATCH', path: '/api/drivers/{id}', section: '4.7', role: 'manager', kind: 'id-bearing', ids: [p('id', 'driver')] },
  { method: 'GET', path: '/api/drivers/{id}/health', section: '4.7', role: 'manager', kind: 'id-bearing', ids: [p('id', 'driver')] },
  { method: 'GET', path: '/api/drivers/{id}/shifts', section: '4.7', role: 'manager', kind: 'id-bearing', ids: [p('id', 'driver')] },
  { method: 'PATCH', path: '/api/drivers/{id}/shifts/{assignmentId}/edit', section: '4.7', role: 'manager', kind: 'id-bearing', ids: [p('id', 'driver'), p('assignmentId', 'assignment')] },
  { method: 'GET', path: '/api/onboarding', section: '4.7', role: 'manager', kind: 'list' },
  { method: 'POST', path: '/api/onboarding', section: '4.7', role: 'manager', kind: 'self' },
  { method: 'PATCH', path: '/api/onboarding/{id}/revoke', section: '4.7', role: 'manager', kind: 'id-bearing', ids: [p('id', 'onboarding')] },
  { method: 'PATCH', path: '/api/onboarding/{id}/restore', section: '4.7', role: 'manager', kind: 'id-bearing', ids: [p('id', 'onboarding')] },
  { method: 'GET', path: '/api/weekly-reports', section: '4.7', role: 'manager', kind: 'list' },
  { method: 'GET', path: '/api/weekly-reports/{weekStart}', section: '4.7', role: 'manager', kind: 'list' },
  // §4.8 Any signed-in user
  { method: 'GET', path: '/api/notifications', section: '4.8', role: 'any', kind: 'list' },
  { method: 'PATCH', path: '/api/notifications/{id}/read', section: '4.8', role: 'any', kind: 'id-bearing', ids: [p('id', 'notification')] },
  { method: 'POST', path: '/api/notifications/mark-all-read', section: '4.8', role: 'any', kind: 'self' },
  { method: 'PATCH', path: '/api/users/me', section: '4.8', role: 'any', kind: 'self', throwaway: true },
  { method: 'POST', path: '/api/users/password', section: '4.8', role: 'any', kind: 'self', throwaway: true },
  { method: 'PATCH', path: '/api/users/locale', section: '4.8', role: 'any', kind: 'self' },
  { method: 'POST', path: '/api/users/fcm-token', section: '4.8', role: 'any', kind: 'self' },
  { method: 'DELETE', path: '/api/users/fcm-token', section: '4.8', role: 'any', kind: 'self' },
  { method: 'GET', path: '/api/settings/dispatch', section: '4.8', role: 'manager', kind: 'self' },
  { method: 'PATCH', path: '/api/settings/dispatch', section: '4.8', role: 'manager', kind: 'owner-only' },
];

/** What the catalog leaves out on purpose: path prefixes and exact paths. */
export const EXCLUDED = { prefixes: ['/api/auth/', '/api/cron/', '/api/sse/', '/__witness/'], paths: ['/api/app-version'] } as const;

export function isExcluded(path: string): boolean {
  return EXCLUDED.prefixes.some((x) => path.startsWith(x)) || (EXCLUDED.paths as readonly string[]).includes(path);
}

/** `METHOD /path/{}` with parameter names dropped, to compare templates written `{id}` or `:id`. */
export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/\{[^}]+\}|:[A-Za-z]+/g, '{}')}`;
}

/**
 * The tables of the Drive contract (contract §2), written from the contract, not from the
 * reference target's SQL. The guard refuses any database whose schema `public` holds a table
 * outside this list (migration bookkeeping excepted).
 */
export const CONTRACT_TABLES = [
  'user',
  'account',
  'session',
  'verification',
  'rate_limit',
  'passkey',
  'organizations',
  'organization_dispatch_settings',
  'dispatch_settings',
  'warehouses',
  'warehouse_managers',
  'routes',
  'assignments',
  'shifts',
  'bid_windows',
  'bids',
  'driver_preferences',
  'driver_metrics',
  'route_completions',
  'notifications',
  'audit_logs',
  'signup_onboarding',
  'driver_health_snapshots',
  'driver_health_state',
] as const;
export type ContractTable = (typeof CONTRACT_TABLES)[number];

/** Migration bookkeeping tables that may sit beside the contract's (drizzle-kit). */
export function isBookkeepingTable(name: string): boolean {
  return name.startsWith('drizzle') || name.startsWith('__drizzle');
}

export function foreignTables(present: readonly string[]): string[] {
  const known = new Set<string>(CONTRACT_TABLES);
  return present.filter((t) => !known.has(t) && !isBookkeepingTable(t)).sort();
}

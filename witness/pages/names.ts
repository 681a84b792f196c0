/** What text-only lists are read with: every route and warehouse name, and item positions. */
import type { Locator } from '@playwright/test';
import type pg from 'pg';
import * as probe from '../probe.js';
import type { Vocabulary } from '../../journeys/pages/parse.js';

/** Every route and warehouse name the database knows, and the org each route-in-warehouse belongs to. */
export async function loadNames(pool: pg.Pool): Promise<{ vocab: Vocabulary; orgOf: (route: string | null, warehouse: string | null) => string | null }> {
  const names = await probe.routeVocabulary(pool);
  const orgs = new Map(names.rows.map((r) => [`${r.name} | ${r.warehouse_name}`, r.organization_id]));
  return {
    vocab: { routes: names.rows.map((r) => r.name), warehouses: [...new Set(names.rows.map((r) => r.warehouse_name))] },
    orgOf: (route, warehouse) => orgs.get(`${route} | ${warehouse}`) ?? null,
  };
}

/** Positions of page items by key, for lists whose items carry no id: outline them by position. */
export class ItemIndex {
  private readonly at = new Map<string, number[]>();
  add(key: string, i: number): void {
    this.at.set(key, [...(this.at.get(key) ?? []), i]);
  }
  locator(items: Locator, key: string): Locator | null {
    const idx = this.at.get(key);
    if (!idx?.length) return null;
    return idx.slice(1).reduce((l, i) => l.or(items.nth(i)), items.nth(idx[0]!));
  }
}

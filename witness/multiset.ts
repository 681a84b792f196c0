/** Multiset comparison of what a page shows with what the database holds (docs/architecture.md#witness-checks). */
export interface MultisetDiff {
  /** in the database, not on the page */
  missing: string[];
  /** on the page, not in the database */
  extra: string[];
  /** shown more times than the database holds them */
  duplicated: string[];
}

function counts(keys: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

export function compareMultisets(page: readonly string[], db: readonly string[]): MultisetDiff {
  const p = counts(page);
  const d = counts(db);
  const missing: string[] = [];
  const extra: string[] = [];
  const duplicated: string[] = [];
  for (const [k, n] of d) {
    const shown = p.get(k) ?? 0;
    for (let i = shown; i < n; i++) missing.push(k);
  }
  for (const [k, n] of p) {
    const held = d.get(k) ?? 0;
    if (held === 0) for (let i = 0; i < n; i++) extra.push(k);
    else for (let i = held; i < n; i++) duplicated.push(k);
  }
  return { missing: missing.sort(), extra: extra.sort(), duplicated: duplicated.sort() };
}

export function isEmptyDiff(d: MultisetDiff): boolean {
  return d.missing.length === 0 && d.extra.length === 0 && d.duplicated.length === 0;
}

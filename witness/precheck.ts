/**
 * The schema-drift precheck (docs/architecture.md#launcher): before any journey, the
 * target's database is compared with the contract's tables, columns, types, enum values and the
 * unique indexes journeys rely on. Differences stop the run (Data/schema drift, SCHEMA-001);
 * extra columns are noted, not fatal.
 */
import type pg from 'pg';
import { CONTRACT_COLUMNS, CONTRACT_ENUMS, CONTRACT_UNIQUE_INDEXES } from './contract/schema.js';

export interface Drift {
  /** fatal differences, one readable line each */
  differences: string[];
  /** extra columns and other facts worth a note */
  notes: string[];
  queries: string[];
}

const COLUMNS_Q = `select c.table_name, c.column_name, c.is_nullable, c.data_type, c.udt_name
  from information_schema.columns c where c.table_schema = 'public' order by 1, 2`;
const ENUMS_Q = `select t.typname as name, array_agg(e.enumlabel::text order by e.enumsortorder) as labels
  from pg_type t join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace
  where n.nspname = 'public' group by t.typname`;
const INDEXES_Q = `select tc.relname as table_name, ic.relname as index_name, i.indisunique as is_unique, i.indpred is not null as is_partial,
    array(select a.attname::text from unnest(i.indkey) with ordinality k(attnum, ord) join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum order by k.ord) as columns
  from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_class tc on tc.oid = i.indrelid join pg_namespace n on n.oid = tc.relnamespace
  where n.nspname = 'public'`;

function typeOf(dataType: string, udt: string): string {
  if (dataType === 'USER-DEFINED') return udt;
  if (dataType === 'ARRAY') return `${udt.replace(/^_/, '').replace(/^int4$/, 'integer')}[]`;
  return dataType;
}

export async function checkSchemaDrift(pool: pg.Pool): Promise<Drift> {
  const differences: string[] = [];
  const notes: string[] = [];
  const colRows = (await pool.query<{ table_name: string; column_name: string; is_nullable: string; data_type: string; udt_name: string }>(COLUMNS_Q)).rows;
  const live = new Map<string, Map<string, { type: string; nullable: boolean }>>();
  for (const r of colRows) {
    if (!live.has(r.table_name)) live.set(r.table_name, new Map());
    live.get(r.table_name)!.set(r.column_name, { type: typeOf(r.data_type, r.udt_name), nullable: r.is_nullable === 'YES' });
  }
  for (const [table, columns] of Object.entries(CONTRACT_COLUMNS)) {
    const have = live.get(table);
    if (!have) {
      differences.push(`missing table ${table}`);
      continue;
    }
    for (const [col, want] of Object.entries(columns)) {
      const got = have.get(col);
      if (!got) differences.push(`missing column ${table}.${col} (${want.type})`);
      else {
        if (got.type !== want.type) differences.push(`${table}.${col}: type ${got.type}, contract says ${want.type}`);
        if (want.nullable !== undefined && got.nullable !== want.nullable) {
          differences.push(`${table}.${col}: ${got.nullable ? 'nullable' : 'NOT NULL'}, contract says ${want.nullable ? 'nullable' : 'NOT NULL'}`);
        }
      }
    }
    for (const col of have.keys()) if (!(col in columns)) notes.push(`extra column ${table}.${col} (not in the contract; noted, not fatal)`);
  }
  const enums = new Map((await pool.query<{ name: string; labels: string[] }>(ENUMS_Q)).rows.map((r) => [r.name, r.labels]));
  for (const [name, values] of Object.entries(CONTRACT_ENUMS)) {
    const got = enums.get(name);
    if (!got) differences.push(`missing enum type ${name}`);
    else if (got.join(',') !== values.join(',')) {
      const missing = values.filter((v) => !got.includes(v));
      const extra = got.filter((v) => !values.includes(v));
      differences.push(
        `enum ${name}: ${missing.length ? `missing ${missing.join(', ')}` : ''}${missing.length && extra.length ? '; ' : ''}${extra.length ? `extra ${extra.join(', ')}` : ''}${!missing.length && !extra.length ? `order ${got.join(', ')}, contract says ${values.join(', ')}` : ''}`,
      );
    }
  }
  const idx = (await pool.query<{ table_name: string; index_name: string; is_unique: boolean; is_partial: boolean; columns: string[] }>(INDEXES_Q)).rows;
  for (const want of CONTRACT_UNIQUE_INDEXES) {
    if (!live.has(want.table)) continue; // already reported as a missing table
    const found = idx.find((i) => i.table_name === want.table && i.is_unique && i.columns.join(',') === want.columns.join(',') && i.is_partial === want.partial);
    if (!found) differences.push(`missing unique index ${want.name} on ${want.table} (${want.columns.join(', ')})${want.partial ? ' (partial)' : ''}`);
  }
  return { differences, notes, queries: [COLUMNS_Q, ENUMS_Q, INDEXES_Q].map((q) => q.replace(/\s+/g, ' ').trim()) };
}

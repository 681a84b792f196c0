/**
 * Reading list items whose only identity is their text (e.g. /bids: the contract gives no id
 * attribute there). An item is parsed into route name, warehouse name and date by matching the
 * text against the names the database knows (longest match wins, so `Route A` never claims
 * `Route A s2`), and a date in any of the usual English forms.
 */
export interface Vocabulary {
  routes: string[];
  warehouses: string[];
}

export interface ParsedItem {
  text: string;
  routeName: string | null;
  warehouseName: string | null;
  date: string | null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The longest name that occurs in `text` as a whole phrase. */
export function longestName(text: string, names: readonly string[]): string | null {
  let best: string | null = null;
  for (const n of names) {
    if (best && n.length <= best.length) continue;
    const re = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRe(n)}(?![\\p{L}\\p{N}])`, 'u');
    if (re.test(text)) best = n;
  }
  return best;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Pick the year that puts month/day closest to `today` (lists show dates near today). */
function nearestYear(month: number, day: number, today: string): string {
  const t = Date.parse(`${today}T12:00:00Z`);
  const y = Number(today.slice(0, 4));
  let best = '';
  let bestDist = Infinity;
  for (const year of [y - 1, y, y + 1]) {
    const d = `${year}-${pad(month)}-${pad(day)}`;
    const dist = Math.abs(Date.parse(`${d}T12:00:00Z`) - t);
    if (dist < bestDist) {
      bestDist = dist;
      best = d;
    }
  }
  return best;
}

export function parseDate(text: string, today: string): string | null {
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const named = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?\b/i.exec(text);
  if (named) {
    const month = MONTHS.indexOf(named[1]!.toLowerCase()) + 1;
    const day = Number(named[2]);
    return named[3] ? `${named[3]}-${pad(month)}-${pad(day)}` : nearestYear(month, day, today);
  }
  const dayFirst = /\b(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+(\d{4}))?\b/i.exec(text);
  if (dayFirst) {
    const month = MONTHS.indexOf(dayFirst[2]!.toLowerCase()) + 1;
    const day = Number(dayFirst[1]);
    return dayFirst[3] ? `${dayFirst[3]}-${pad(month)}-${pad(day)}` : nearestYear(month, day, today);
  }
  const us = /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?\b/.exec(text);
  if (us) {
    const month = Number(us[1]);
    const day = Number(us[2]);
    return us[3] ? `${us[3]}-${pad(month)}-${pad(day)}` : nearestYear(month, day, today);
  }
  return null;
}

export function parseItem(text: string, vocab: Vocabulary, today: string): ParsedItem {
  const clean = text.replace(/\s+/g, ' ').trim();
  return {
    text: clean,
    routeName: longestName(clean, vocab.routes),
    warehouseName: longestName(clean, vocab.warehouses),
    date: parseDate(clean, today),
  };
}

/** The multiset key of a route-day as a page shows it. */
export function routeDayKey(routeName: string | null, warehouseName: string | null, date: string | null): string {
  return `${routeName ?? '?'} | ${warehouseName ?? '?'} | ${date ?? '?'}`;
}

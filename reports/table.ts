/**
 * `pnpm table <run> <run> [<run>…]`: the journey × target table of two or more runs (say, the
 * reference and a real Drive): for each scenario and project, its result with its failures' ids,
 * the checks of its last attempt (failed and not evaluated among them), its attempts and its
 * duration in each run. A run is its folder or its
 * report.json; reports of every readable schema version are read.
 *
 * Exit code: 0 printed, 2 bad usage or an unreadable report.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReport, type Report, type Scenario } from './schema.js';
import { callerDir } from './triage.js';

export interface Column {
  label: string;
  report: Report;
}

/** A short name for the run's target: `reference (embedded)`, `http://127.0.0.1:4173 (external)`. */
export function targetLabel(r: Report): string {
  const mode = r.run.mode ?? 'unknown mode';
  if (mode === 'external') return `${r.run.target ?? 'external'} (external)`;
  return `reference (${mode})`;
}

/** result, the last attempt's checks (failed, not evaluated), attempts, duration */
function cell(s: Scenario | undefined): string {
  if (!s) return '—';
  const last = Math.max(0, ...s.checks.map((c) => c.attempt));
  const checks = s.checks.filter((c) => c.attempt === last);
  const failed = checks.filter((c) => c.verdict === 'fail').length;
  const notEvaluated = checks.filter((c) => c.verdict === 'not-evaluated').length;
  const extra = [failed ? `${failed} failed` : '', notEvaluated ? `${notEvaluated} not evaluated` : ''].filter(Boolean).join(', ');
  const ids = s.status === 'failed' || s.status === 'flaky' ? ` ${[...new Set(s.attempts.flatMap((a) => a.signatures.map((x) => x.split(' ')[0])).filter(Boolean))].join('/')}` : '';
  const attempts = s.attempts.length > 1 ? ` · ${s.attempts.length} attempts` : '';
  return `${s.status}${ids} · ${checks.length} check${checks.length === 1 ? '' : 's'}${extra ? ` (${extra})` : ''}${attempts} · ${(s.durationMs / 1000).toFixed(1)} s`;
}

/** The table as Markdown: one row per scenario (and project), one column per run. */
export function renderTable(cols: Column[]): string {
  const key = (s: Scenario) => (s.project && s.project !== 'desktop' ? `${s.scenarioId} [${s.project}]` : s.scenarioId);
  const keys: string[] = [];
  for (const c of cols) for (const s of c.report.scenarios) if (!keys.includes(key(s))) keys.push(key(s));
  keys.sort((a, b) => Number(a.startsWith('RUN-')) - Number(b.startsWith('RUN-')) || a.localeCompare(b));
  const esc = (t: string) => t.replace(/\|/g, '\\|');
  const lines = [
    `| journey | ${cols.map((c) => esc(c.label)).join(' | ')} |`,
    `|---|${cols.map(() => '---').join('|')}|`,
    ...keys.map((k) => `| ${k} | ${cols.map((c) => esc(cell(c.report.scenarios.find((s) => key(s) === k)))).join(' | ')} |`),
    `| **run** | ${cols
      .map((c) => {
        const t = c.report.totals;
        return esc(`${c.report.run.status}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped; ${t.checks} checks; ${(c.report.run.durationMs / 1000).toFixed(1)} s; run ${c.report.run.runId}`);
      })
      .join(' | ')} |`,
  ];
  const skips = cols.flatMap((c) => c.report.scenarios.filter((s) => s.status === 'skipped' && s.skipReason).map((s) => `- ${key(s)} skipped on ${c.label}: ${s.skipReason}`));
  return `${lines.join('\n')}\n${skips.length ? `\n${skips.join('\n')}\n` : ''}`;
}

function load(arg: string): Column | string {
  const p = path.resolve(callerDir(), arg);
  const file = fs.existsSync(p) && fs.statSync(p).isDirectory() ? path.join(p, 'report.json') : p;
  if (!fs.existsSync(file)) return `${arg}: no report.json there`;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return `${arg}: not valid JSON (${(e as Error).message})`;
  }
  const parsed = parseReport(json);
  if (!parsed.success) return `${arg}: not a Drive Witness report (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`;
  return { label: targetLabel(parsed.data), report: parsed.data };
}

function main(argv: string[]): number {
  const args = argv.filter((a) => a !== '--');
  if (args.length < 2 || args.some((a) => a.startsWith('-'))) {
    process.stderr.write('usage: pnpm table <run folder or report.json> <run folder or report.json> [...]\n  prints the journey × target table (result, checks, duration) of the runs\n');
    return 2;
  }
  const cols: Column[] = [];
  for (const a of args) {
    const c = load(a);
    if (typeof c === 'string') {
      process.stderr.write(`table: ${c}\n`);
      return 2;
    }
    cols.push(c);
  }
  // Two runs of the same target: tell them apart by run id.
  const twice = new Set(cols.map((c) => c.label).filter((l, i, all) => all.indexOf(l) !== i));
  for (const c of cols) if (twice.has(c.label)) c.label = `${c.label} ${c.report.run.runId}`;
  process.stdout.write(renderTable(cols));
  return 0;
}

const invokedDirectly = !!process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) process.exitCode = main(process.argv.slice(2));

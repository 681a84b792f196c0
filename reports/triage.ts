/**
 * `pnpm triage <folder>`: the runbook's first response over downloaded artifacts.
 *
 * <folder> is one run folder or any tree holding report.json files (one per CI shard, several
 * downloads side by side). For each failing scenarioId + invariantId it prints the class, owner,
 * repro command, evidence and trace paths as they are on this disk (relative to the current
 * directory) and the report it came from; then it writes the defect files that are missing and
 * lists them. A report.json that cannot be read (bad JSON, truncated, not the report schema) gets
 * one line naming the file and what is wrong, and the other reports are still read.
 *
 * Exit code: 0 no failure, 1 a new failure (or an unreadable report), 3 every failure a known
 * defect, 2 bad usage or no readable report.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReport, READABLE_VERSIONS, FAILURE_CLASSES, type Failure, type FailureClass, type Report } from './schema.js';
import { writeDefects } from './defects-write.js';
import { defectFileName } from './defect.js';

/**
 * The order a person reads the classes in. Infra/CI first: when the database, the target or the
 * browser was not there, every other failure of that run is suspect and the fix is not in the code.
 * Data/schema drift next: a schema that does not match the contract makes every algorithm verdict
 * on it meaningless. Then Algorithm regression: a deterministic product defect, the thing the suite
 * exists to catch, reproducible with one command. Then Harness/diagnostics (the suite's own
 * machinery) and last Flake/timing, which needs the most digging and no other failure depends on.
 */
export const TRIAGE_ORDER: readonly FailureClass[] = ['Infra/CI', 'Data/schema drift', 'Algorithm regression', 'Harness/diagnostics', 'Flake/timing'];

const USAGE = `usage: pnpm triage <folder>
       pnpm triage <older folder> <newer folder>

  <folder>  a downloaded run folder, or a tree with report.json files anywhere below it
            (e.g. one per CI shard): gh run download <run-id> --dir <folder>
  two folders: last night's run, then tonight's; says which failures are new since the older

Prints each defect (one signature, wherever it showed) with its class, owner, repro command,
evidence and trace paths, new failures first, then the known defects (WITNESS_KNOWN_DEFECTS), and
writes the defect files that are missing.
Exit code: 0 no failures, 1 a new failure (or a report that could not be read), 3 every failure
a known defect, 2 no readable report or bad usage.`;

export interface LoadedReport {
  file: string;
  runDir: string;
  report: Report;
}

export interface Unreadable {
  file: string;
  problem: string;
}

/** Every report.json below root (symlinks are not followed: `latest` would count a run twice). */
export function findReports(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== '.git') walk(p);
      } else if (e.isFile() && e.name === 'report.json') found.push(p);
    }
  };
  const st = fs.statSync(root);
  if (st.isFile()) return path.basename(root) === 'report.json' ? [root] : [];
  walk(root);
  return found;
}

/** Read and validate one report; the problem, in a few words, when it cannot be used. */
export function readReportFile(file: string): LoadedReport | Unreadable {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { file, problem: `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  if (!text.trim()) return { file, problem: 'is empty (0 bytes of JSON)' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const truncated = !/[}\]]\s*$/.test(text);
    return { file, problem: `is not valid JSON${truncated ? ' (truncated: it stops mid-document)' : ''}: ${(e as Error).message}` };
  }
  const version = typeof json === 'object' && json !== null && 'schemaVersion' in json ? (json as { schemaVersion: unknown }).schemaVersion : undefined;
  if (version !== undefined && !(READABLE_VERSIONS as readonly unknown[]).includes(version)) {
    return { file, problem: `has schemaVersion ${JSON.stringify(version)}; this triage reads schemaVersion ${READABLE_VERSIONS.join(' and ')}` };
  }
  const parsed = parseReport(json);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const first = issues[0]!;
    const where = first.path.length ? first.path.join('.') : '(top level)';
    return { file, problem: `does not match the report schema: ${where}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more issue(s))` : ''}` };
  }
  return { file, runDir: path.dirname(file), report: parsed.data };
}

interface Occurrence {
  loaded: LoadedReport;
  failure: Failure;
}

interface Entry {
  cls: FailureClass;
  scenarioId: string;
  invariantId: string | null;
  /** one defect: every failure of this signature (several journeys, projects or shards) */
  signature: string;
  known: boolean;
  occurrences: Occurrence[];
}

/**
 * Failures grouped by signature (one defect, wherever it showed), new ones first, then by class
 * in the order a person should read them.
 */
export function groupFailures(reports: LoadedReport[]): Entry[] {
  const byKey = new Map<string, Entry>();
  for (const loaded of reports) {
    for (const failure of loaded.report.failures) {
      const key = `${failure.class}\u0000${failure.signature}`;
      let entry = byKey.get(key);
      if (!entry) {
        entry = { cls: failure.class, scenarioId: failure.scenarioId, invariantId: failure.invariantId, signature: failure.signature, known: !!failure.known, occurrences: [] };
        byKey.set(key, entry);
      }
      entry.occurrences.push({ loaded, failure });
    }
  }
  const rank = (c: FailureClass) => {
    const i = TRIAGE_ORDER.indexOf(c);
    return i < 0 ? TRIAGE_ORDER.length : i;
  };
  // Run-level failures (RUN-*) lead their class: they speak for the whole run.
  const runLevel = (e: Entry) => (e.scenarioId.startsWith('RUN-') ? 0 : 1);
  return [...byKey.values()].sort(
    (a, b) =>
      Number(a.known) - Number(b.known) ||
      rank(a.cls) - rank(b.cls) ||
      runLevel(a) - runLevel(b) ||
      b.occurrences.length - a.occurrences.length ||
      a.scenarioId.localeCompare(b.scenarioId) ||
      (a.invariantId ?? '').localeCompare(b.invariantId ?? ''),
  );
}

/**
 * The directory the person typed the command in: \`pnpm triage\` runs its script from the package
 * root, and pnpm passes the caller's directory as INIT_CWD.
 */
export function callerDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.npm_lifecycle_event === 'triage' && env.INIT_CWD && fs.existsSync(env.INIT_CWD)) return env.INIT_CWD;
  return process.cwd();
}

/** A path relative to the caller's directory, in the form a person types. */
function here(p: string): string {
  const rel = path.relative(callerDir(), p);
  return rel === '' ? '.' : rel.split(path.sep).join('/');
}

function shellPath(p: string): string {
  return /[^\w@%+=:,./-]/.test(p) ? `'${p.replace(/'/g, `'\\''`)}'` : p;
}

function onDisk(runDir: string, rel: string): string {
  const p = path.join(runDir, rel);
  return `${here(p)}${fs.existsSync(p) ? '' : '   (not in the download)'}`;
}

function firstLine(s: string): string {
  const line = (s.split('\n')[0] ?? '').replace(/^\s*\w*Error:\s*/, '');
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

function reportLabel(l: LoadedReport): string {
  const r = l.report.run;
  const bits = [`run ${r.runId}`];
  if (r.shard) bits.push(`shard ${r.shard.current}/${r.shard.total}`);
  if (r.ciRunUrl) bits.push(r.ciRunUrl);
  return `${here(l.file)} (${bits.join(', ')})`;
}

function rule(title: string): string {
  return `── ${title} ${'─'.repeat(Math.max(4, 72 - title.length))}`;
}

export function renderEntry(e: Entry): string[] {
  const out: string[] = [];
  const first = e.occurrences[0]!.failure;
  const orgs = [...new Set(e.occurrences.map((o) => o.failure.organizationUnderTest).filter(Boolean))];
  const journeys = [...new Set(e.occurrences.map((o) => o.failure.scenarioId))];
  out.push(`${e.known ? '≈' : '✘'} ${e.scenarioId} / ${e.invariantId ?? 'NO-INVARIANT-ID (a harness/diagnostics defect by the runbook)'}${orgs.length ? `  [${orgs.join(', ')}]` : ''}${e.known ? '  known defect' : '  NEW'}`);
  out.push(`    ${firstLine(first.message)}`);
  out.push(`    signature: ${e.signature}${e.occurrences.length > 1 ? `  (1 defect, seen in ${journeys.length} journey${journeys.length === 1 ? '' : 's'}: ${e.occurrences.length} failures, ${journeys.join(', ')})` : ''}`);
  if (first.known) out.push(`    known:     ${first.known.link}${first.known.followOnOf ? ` (follow-on of ${first.known.followOnOf})` : ''}; contract ${first.known.contract}${first.known.appFile ? `; app ${first.known.appFile}` : ''}`);
  out.push(`    class:     ${e.cls} — ${first.classSignal}`);
  out.push(`    owner:     ${first.owner}`);
  const repros = [...new Set(e.occurrences.map((o) => o.failure.repro))];
  for (const r of repros) out.push(`    repro:     ${r}`);
  for (const { loaded, failure } of e.occurrences) {
    out.push(`    report:    ${reportLabel(loaded)}`);
    const ids = Object.entries(failure.keyEntityIds);
    if (ids.length) out.push(`    ids:       ${ids.map(([k, v]) => `${k}=${v}`).join(' ')}`);
    failure.evidence.forEach((ev, i) => out.push(`    ${i === 0 ? 'evidence:  ' : '           '}${onDisk(loaded.runDir, ev)}`));
    if (failure.trace) {
      out.push(`    trace:     ${onDisk(loaded.runDir, failure.trace)}`);
      out.push(`    show:      pnpm exec playwright show-trace ${shellPath(here(path.join(loaded.runDir, failure.trace)))}`);
    } else {
      out.push('    trace:     none (run-level failure, or traces were off)');
    }
    const viewer = path.join(loaded.runDir, 'viewer.html');
    if (fs.existsSync(viewer)) out.push(`    viewer:    ${here(viewer)}`);
    out.push(`    defect:    ${here(path.join(loaded.runDir, 'defects', defectFileName(failure)))}`);
  }
  return out;
}

export interface TriageResult {
  /** 0 no failure; 1 a failure that is new (or a report that could not be read); 3 every failure known; 2 no readable report */
  code: 0 | 1 | 2 | 3;
  written: string[];
}

interface Tree {
  files: string[];
  loaded: LoadedReport[];
  unreadable: Unreadable[];
  duplicates: { file: string; of: string }[];
}

/** Every readable report below root, each run once (a copied `latest` folder, a second download). */
function loadTree(root: string): Tree {
  const files = findReports(root);
  const tree: Tree = { files, loaded: [], unreadable: [], duplicates: [] };
  const seen = new Map<string, string>();
  for (const f of files) {
    const r = readReportFile(f);
    if (!('report' in r)) {
      tree.unreadable.push(r);
      continue;
    }
    const run = r.report.run;
    const id = `${run.runId}\u0000${run.startedAt}\u0000${run.shard?.current ?? ''}`;
    const first = seen.get(id);
    if (first) tree.duplicates.push({ file: f, of: first });
    else {
      seen.set(id, f);
      tree.loaded.push(r);
    }
  }
  return tree;
}

export interface TriageOptions {
  /** an older run (last night's): the failures of `root` not seen there are called new since it */
  since?: string;
}

export function triage(
  root: string,
  write: (s: string) => void = (s) => process.stdout.write(s),
  warn: (s: string) => void = (s) => process.stderr.write(s),
  opts: TriageOptions = {},
): TriageResult {
  const { files, loaded, unreadable, duplicates } = loadTree(root);
  for (const u of unreadable) warn(`triage: skipped ${here(u.file)}: ${u.problem}\n`);
  if (!loaded.length) {
    warn(
      files.length
        ? `triage: no readable report.json under ${here(root)} (${files.length} found, none usable)\n`
        : `triage: no report.json under ${here(root)} — point it at a downloaded run folder or the folder you extracted the artifacts into\n`,
    );
    return { code: 2, written: [] };
  }
  const older = opts.since ? loadTree(opts.since) : null;
  if (older) for (const u of older.unreadable) warn(`triage: skipped ${here(u.file)} (older run): ${u.problem}\n`);
  if (older && !older.loaded.length) {
    warn(`triage: no readable report.json under ${here(opts.since!)} (the older run)\n`);
    return { code: 2, written: [] };
  }

  const out: string[] = [];
  const entries = groupFailures(loaded);
  const failing = loaded.filter((l) => l.report.failures.length);
  // A run that did not pass yet lists no failure (timed out, interrupted): say so, it is not green.
  const unexplained = loaded.filter((l) => !l.report.failures.length && l.report.run.status !== 'passed');

  out.push(`Drive Witness triage of ${here(root)}: ${loaded.length} report(s)${unreadable.length ? `, ${unreadable.length} unreadable` : ''}`);
  for (const l of loaded) {
    const t = l.report.totals;
    const known = l.report.knownDefects ? `; ${t.failuresNew} new, ${t.failuresKnown} known (${here(l.report.knownDefects.file)})` : '';
    out.push(`  ${l.report.run.status === 'passed' ? '✓' : '✘'} ${reportLabel(l)}: ${t.passed} passed, ${t.failed} failed, ${t.flaky} flaky, ${t.skipped} skipped${known}`);
  }
  for (const u of unreadable) out.push(`  ? ${here(u.file)}: unreadable (see above) — its failures, if any, are not listed below`);
  for (const d of duplicates) out.push(`  = ${here(d.file)}: the same run as ${here(d.of)}, read once`);
  out.push('');

  if (older) out.push(...sinceSection(older, loaded, opts.since!), '');

  if (!entries.length && !unexplained.length) {
    // An unreadable report may hide failures (a truncated shard): never call that green.
    out.push(unreadable.length ? `No failures in the readable reports; ${unreadable.length} report(s) could not be read, so the run is not known to be green.` : 'No failures.');
    out.push(...possiblyFixed(loaded));
    write(out.join('\n') + '\n');
    return { code: unreadable.length ? 1 : 0, written: [] };
  }

  // New failures first (docs/architecture.md#known-defects): they are what this run has to say; then the known defects.
  for (const known of [false, true]) {
    const part = entries.filter((e) => e.known === known);
    if (!part.length) continue;
    out.push(known ? `══ Known defects (${part.length}) — filed already; each still a failure ══` : `══ New failures (${part.length}) ══`);
    for (const cls of [...TRIAGE_ORDER, ...FAILURE_CLASSES.filter((c) => !TRIAGE_ORDER.includes(c))]) {
      const group = part.filter((e) => e.cls === cls);
      if (!group.length) continue;
      out.push(rule(`${cls} (${group.length})`));
      for (const e of group) {
        out.push(...renderEntry(e));
        out.push('');
      }
    }
  }
  for (const l of unexplained) {
    out.push(rule('Run without a recorded failure'));
    out.push(`✘ ${reportLabel(l)}: the run ${l.report.run.status} but lists no failure — look at its CI log (Infra/CI or Harness/diagnostics)`);
    out.push('');
  }
  out.push(...possiblyFixed(loaded));

  // The runbook's escalation rule: several scenario families failing at once points at the harness or a shared service.
  const families = [...new Set(entries.filter((e) => !e.known).map((e) => e.scenarioId.replace(/-.*$/, '')).filter((f) => f !== 'RUN'))];
  if (families.length > 1) out.push(`note: new failures span several scenario families (${families.join(', ')}): likely a harness or shared-service regression — escalate if you cannot classify within 20 minutes.\n`);

  const written: string[] = [];
  for (const l of failing) {
    try {
      written.push(...writeDefects(l.report, l.runDir, here(l.runDir), true));
    } catch (e) {
      warn(`triage: could not write defect files in ${here(path.join(l.runDir, 'defects'))}: ${(e as Error).message}\n`);
    }
  }
  out.push(written.length ? `Defect files written (${written.length}, were missing):` : 'Defect files: all present, none written.');
  for (const w of written) out.push(`  ${here(w)}`);
  out.push('');
  const count = entries.reduce((n, e) => n + e.occurrences.length, 0);
  const fresh = entries.filter((e) => !e.known);
  out.push(
    `${count} failure(s) of ${entries.length} defect(s) (${fresh.length} new, ${entries.length - fresh.length} known), in ${failing.length} of ${loaded.length} readable report(s).${fresh.length ? ' Reproduce the first new one above first.' : ''}`,
  );
  write(out.join('\n') + '\n');
  const code = fresh.length || unreadable.length || unexplained.length ? 1 : 3;
  return { code, written };
}

/** Which failures of the newer run the older one did not have, and which of its are gone. */
function sinceSection(older: Tree, newer: LoadedReport[], olderPath: string): string[] {
  const sigs = (ls: LoadedReport[]) => new Set(ls.flatMap((l) => l.report.failures.map((f) => f.signature)));
  const before = sigs(older.loaded);
  const now = newer.flatMap((l) => l.report.failures);
  const fresh = [...new Map(now.filter((f) => !before.has(f.signature)).map((f) => [f.signature, f])).values()];
  const gone = [...before].filter((s) => !now.some((f) => f.signature === s));
  const runs = older.loaded.map((l) => l.report.run.runId).join(', ');
  const out = [rule(`Since ${here(olderPath)} (run ${runs})`)];
  if (!fresh.length) out.push('  no failure is new since the older run');
  for (const f of fresh) out.push(`  + new since then: ${f.scenarioId} / ${f.invariantId ?? 'NO-ID'}${f.known ? ' (a known defect)' : ''} — ${f.signature}`);
  for (const g of gone) out.push(`  - no longer failing: ${g}`);
  const still = [...new Set(now.filter((f) => before.has(f.signature)).map((f) => f.signature))];
  if (still.length) out.push(`  = still failing as then: ${still.length} defect(s)`);
  return out;
}

function possiblyFixed(loaded: LoadedReport[]): string[] {
  const all = loaded.flatMap((l) => l.report.possiblyFixed);
  if (!all.length) return [];
  return [rule(`Known defects possibly fixed (${all.length})`), ...all.map((p) => `? ${p.signature}\n    its check ran and passed in ${p.scenarios.join(', ')}; ${p.link}`), ''];
}

function main(argv: string[]): number {
  const args = argv.filter((a) => a !== '--');
  if (args.length === 1 && (args[0] === '-h' || args[0] === '--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.length < 1 || args.length > 2 || args.some((a) => a.startsWith('-'))) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const paths = args.map((a) => path.resolve(callerDir(), a));
  const missing = args.find((a, i) => !fs.existsSync(paths[i]!));
  if (missing) {
    process.stderr.write(`triage: ${missing} does not exist\n\n${USAGE}\n`);
    return 2;
  }
  // Two runs: the older first (last night's), the newer second (tonight's).
  return paths.length === 2 ? triage(paths[1]!, undefined, undefined, { since: paths[0]! }).code : triage(paths[0]!).code;
}

const invokedDirectly = !!process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) process.exitCode = main(process.argv.slice(2));

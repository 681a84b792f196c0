/**
 * `docs/invariants.md`, rendered from the invariants catalog (docs/architecture.md#ids: a generated doc lists
 * them all"). The committed doc must equal what this renders; the conformance self-test checks it.
 *
 *   pnpm run docs                                 write docs/invariants.md (`pnpm docs` without
 *                                                 `run` is npm's docs command, which pnpm passes to npm)
 *   tsx witness/invariants/render-doc.ts          print it
 *   tsx witness/invariants/render-doc.ts --check  exit 1 when the committed doc is stale
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INVARIANTS, type Family, type Invariant } from './catalog.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const INVARIANTS_DOC = path.join(REPO_ROOT, 'docs', 'invariants.md');

/** Families in the order of docs/architecture.md#ids, each with what it covers. */
const FAMILIES: { family: Family; name: string; covers: string }[] = [
  { family: 'TENANT', name: 'Tenant isolation', covers: 'What a user of one organization sees, changes or learns stays within that organization.' },
  { family: 'IDEMP', name: 'Idempotency', covers: 'Repeated or concurrent actions (cron reruns, double submits, races) leave exactly one effect.' },
  { family: 'NOTIF', name: 'Notifications', covers: 'Notifications reach the right recipient, in the right organization, once.' },
  { family: 'ASSIGN', name: 'Assignments', covers: 'An action on an assignment or a bid window leaves the driver, status and winner it must.' },
  { family: 'STATE', name: 'State transitions', covers: 'Assignments, shifts and bid windows move only along the transitions the contract allows.' },
  { family: 'WITNESS', name: 'Witness', covers: 'A page shows exactly what the database holds for the signed-in user.' },
  { family: 'AUTH', name: 'Authentication and role gates', covers: 'Sign-in, redirects and the gates between drivers and managers.' },
  { family: 'INFRA', name: 'Infrastructure', covers: 'The target, the database and the browser are there, and the environment is complete and safe.' },
  { family: 'SCHEMA', name: 'Schema', covers: 'The database matches the contract\'s schema and holds nothing else.' },
  { family: 'HARNESS', name: 'Harness', covers: 'The suite\'s own machinery (world set-up, failure ids, evidence capture) worked.' },
];


function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
}

function byId(a: Invariant, b: Invariant): number {
  return a.id.localeCompare(b.id, 'en', { numeric: true });
}

export function renderInvariantsDoc(invariants: readonly Invariant[] = INVARIANTS): string {
  const families = [...FAMILIES];
  for (const inv of invariants) {
    if (!families.some((f) => f.family === inv.family)) families.push({ family: inv.family, name: inv.family, covers: '' });
  }
  const globals = invariants.filter((i) => i.global).sort(byId);
  const lines: string[] = [
    '# Invariants',
    '',
    '<!-- Generated from witness/invariants/catalog.ts by `pnpm run docs`. Do not edit by hand. -->',
    '',
    'An invariant id names one property of Drive that the witness checks: a family prefix and a three-digit number ' +
      '(`TENANT-001`). Every failure message starts with its invariant id, so the id leads the terminal line ' +
      '(`✘ UI-001 / TENANT-001 [Algorithm regression] org-a — TENANT-001 …`), and it is the `invariantId` of the failure in ' +
      '`report.json`, `summary.md` and the defect files, next to the scenario id of the journey that found it (`UI-001`, or ' +
      '`RUN-PRECHECK` / `RUN-SWEEP` for failures of the run itself). The ids are this suite\'s own catalog: the same number in ' +
      'the real app\'s own tests does not imply the same meaning. An invariant marked global is checked after every journey, ' +
      'on the organizations of that journey\'s slot, and once more over the whole database at the end of the run ' +
      '(scenario `RUN-SWEEP`); the others are checked where their failure can happen: by the journeys that name them, by ' +
      'the run\'s prechecks (`RUN-PRECHECK`) or by the harness itself.',
    '',
    `${invariants.length} invariants, ${globals.length} of them global` + (globals.length ? ` (${globals.map((g) => g.id).join(', ')}).` : '.'),
    '',
    '| family | covers | ids |',
    '|---|---|---|',
  ];
  for (const f of families) {
    const ids = invariants.filter((i) => i.family === f.family).sort(byId).map((i) => i.id);
    lines.push(`| [${f.family}](#${f.family.toLowerCase()}) | ${cell(f.covers)} | ${ids.length ? ids.join(', ') : '—'} |`);
  }
  for (const f of families) {
    const members = invariants.filter((i) => i.family === f.family).sort(byId);
    lines.push('', `## ${f.family}`, '', `**${f.name}.** ${f.covers}`.trim(), '');
    if (members.length === 0) {
      lines.push('No invariant of this family yet.');
      continue;
    }
    lines.push('| id | title | meaning | evidence | owner | global: after each journey and in RUN-SWEEP |', '|---|---|---|---|---|---|');
    for (const i of members) {
      lines.push(`| ${i.id} | ${cell(i.title)} | ${cell(i.meaning)} | ${cell(i.evidence)} | ${cell(i.owner)} | ${i.global ? 'yes' : 'no'} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function main(argv: string[]): void {
  const doc = renderInvariantsDoc();
  const rel = path.relative(process.cwd(), INVARIANTS_DOC) || INVARIANTS_DOC;
  if (argv.includes('--write')) {
    fs.mkdirSync(path.dirname(INVARIANTS_DOC), { recursive: true });
    fs.writeFileSync(INVARIANTS_DOC, doc);
    process.stdout.write(`wrote ${rel} (${INVARIANTS.length} invariants)\n`);
  } else if (argv.includes('--check')) {
    const current = fs.existsSync(INVARIANTS_DOC) ? fs.readFileSync(INVARIANTS_DOC, 'utf8') : null;
    if (current !== doc) {
      process.stderr.write(`${rel} is ${current === null ? 'missing' : 'stale'}: run \`pnpm run docs\`\n`);
      process.exit(1);
    }
    process.stdout.write(`${rel} is up to date\n`);
  } else {
    process.stdout.write(doc);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));

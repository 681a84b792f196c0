/**
 * One defect file per failure, filling the triage runbook's "Defect Bead Template" in full:
 * title, ids, CI run, artifacts, expected, observed, local repro, key entity ids, trace.
 */
import path from 'node:path';
import type { Failure, Report } from './schema.js';
import { invariant, isKnownInvariant } from '../witness/invariants/catalog.js';

/**
 * `defects/<scenario>--<invariant>--<signature hash>-<n>.md`: a slug per failure (its signature's
 * hash and its sequence among failures of that signature), so two failures never share a file.
 */
export function defectFileName(f: Failure): string {
  return f.defectFile;
}

/** A short symptom for the title: the first line of the message, without its id. */
export function shortSymptom(f: Failure): string {
  const first = (f.message.split('\n')[0] ?? '').replace(/^\s*(\w*Error:\s*)?/, '').replace(/^[A-Z]+-\d{3}\s*/, '');
  return first.length > 90 ? `${first.slice(0, 87)}…` : first || 'no message';
}

function expectedOf(f: Failure): string {
  if (f.invariantId && isKnownInvariant(f.invariantId)) {
    const inv = invariant(f.invariantId);
    return `${inv.title}: ${inv.meaning}`;
  }
  return 'Every failure names its scenario and invariant (runbook: a failure without them is a harness/diagnostics defect).';
}

/**
 * @param artifactsRoot where the run folder sits as the responder downloaded it (printed paths
 *   are relative to it), e.g. `witness-results/<run-id>` or `ci-artifacts/shard-1/<run-id>`.
 */
export function renderDefect(f: Failure, report: Report, artifactsRoot: string): string {
  const rel = (p: string) => path.posix.join(artifactsRoot.split(path.sep).join('/'), p);
  const ids = Object.entries(f.keyEntityIds);
  const lines = [
    `# Integration failure: ${f.scenarioId} / ${f.invariantId ?? 'no invariant id'} (${shortSymptom(f)})`,
    '',
    `- \`scenarioId\`: ${f.scenarioId}`,
    `- \`invariantId\`: ${f.invariantId ?? 'none — treat as a harness/diagnostics defect'}`,
    `- \`organizationUnderTest\`: ${f.organizationUnderTest ?? 'unknown'}`,
    `- Class: **${f.class}** — decided by: ${f.classSignal}`,
    `- Owner: ${f.owner}`,
    `- Signature: \`${f.signature}\``,
    `- ${f.known ? `**Known defect**${f.known.followOnOf ? ` (a follow-on of \`${f.known.followOnOf}\`)` : ''}: ${f.known.link} — contract ${f.known.contract}${f.known.appFile ? `, app \`${f.known.appFile}\`` : ''}` : '**New**: it matches no known defect of this run\'s known-defects file'}`,
    `- CI run: ${report.run.ciRunUrl ?? 'not a CI run (local)'}`,
    `- Run: \`${report.run.runId}\` (mode ${report.run.mode ?? 'unknown'}, target ${report.run.target ?? 'unknown'}, git ${report.run.gitSha ?? 'unknown'}${report.run.faults.length ? `, faults on: ${report.run.faults.join(', ')}` : ''})`,
    `- Artifacts: \`${rel('report.json')}\`, \`${rel('summary.md')}\`${f.evidence.length ? ', ' + f.evidence.map((e) => `\`${rel(e)}\``).join(', ') : ''}`,
    '',
    '## Expected',
    '',
    expectedOf(f),
    '',
    '## Observed',
    '',
    '```',
    f.message.split('\n').slice(0, 40).join('\n'),
    '```',
    '',
    '## Repro (local)',
    '',
    '```bash',
    'pnpm install',
    f.repro,
    '```',
    '',
    'Environment names only, never their values: `INTEGRATION_TEST=1` is required; in external mode also `WITNESS_BASE_URL` and `DATABASE_URL` (a disposable database); `BETTER_AUTH_SECRET` / `CRON_SECRET` only when you start the reference target on your own database.',
    '',
    '## Key entity ids',
    '',
    ...(ids.length ? ids.map(([k, v]) => `- ${k}: \`${v}\``) : ['- none recorded']),
    '',
    '## Request ids',
    '',
    f.requestIds.length
      ? `The requests of the failing check(s) carried these \`x-request-id\`s; search the target's request log for them:\n\n${f.requestIds.map((r) => `- \`${r}\``).join('\n')}`
      : '- none (the failure made no request of its own)',
    '',
    ...(f.notEvaluated.length
      ? ['## Not evaluated because of this failure', '', ...f.notEvaluated.map((n) => `- ${n.checkId}: ${n.summary} (\`${rel(n.rows)}\`)`), '']
      : []),
    '## Trace',
    '',
    f.trace ? `- \`${rel(f.trace)}\`\n- \`pnpm exec playwright show-trace ${rel(f.trace)}\`` : '- no trace (run-level failure, or traces were off)',
    '',
  ];
  return lines.join('\n');
}

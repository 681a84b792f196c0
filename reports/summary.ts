/** `summary.md`: the report for a person, failures first. */
import type { Report } from './schema.js';

function esc(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderSummary(r: Report): string {
  const out: string[] = [];
  const t = r.totals;
  out.push(`# Drive Witness run ${r.run.runId}`);
  out.push('');
  out.push(`**${r.run.status.toUpperCase()}** — ${t.passed} passed, ${t.failed} failed, ${t.flaky} flaky, ${t.skipped} skipped; ${t.checks} witness checks (${t.checksFailed} failed${t.checksNotEvaluated ? `, ${t.checksNotEvaluated} not evaluated` : ''}).`);
  out.push('');
  out.push(`- mode: ${r.run.mode ?? 'unknown'}; target: ${r.run.target ?? 'unknown'}; database: ${r.run.database ? `${r.run.database.host}:${r.run.database.port}/${r.run.database.name}` : 'unknown'}`);
  out.push(`- git: ${r.run.gitSha ?? 'unknown'}; workers: ${r.run.workers}; duration: ${(r.run.durationMs / 1000).toFixed(1)} s${r.run.shard ? `; shard ${r.run.shard.current}/${r.run.shard.total}` : ''}`);
  if (r.run.faults.length) out.push(`- faults switched on: ${r.run.faults.join(', ')}`);
  if (r.run.ciRunUrl) out.push(`- CI run: ${r.run.ciRunUrl}`);
  if (r.run.witnessNow) out.push(`- run at WITNESS_NOW=${r.run.witnessNow} (the reference's clock, running from there)`);
  if (r.knownDefects) out.push(`- known defects: ${r.knownDefects.file} (${r.knownDefects.target}, ${r.knownDefects.entries} entries): ${r.totals.failuresNew} new failure(s), ${r.totals.failuresKnown} known`);
  out.push('');
  const sections: [string, typeof r.failures][] = [
    [r.knownDefects ? 'New failures' : 'Failures', r.failures.filter((f) => !f.known)],
    ['Known defects', r.failures.filter((f) => f.known)],
  ];
  for (const [heading, list] of sections) {
    if (!list.length) continue;
    out.push(`## ${heading}`);
    out.push('');
    const count = new Map<string, number>();
    for (const f of list) count.set(f.signature, (count.get(f.signature) ?? 0) + 1);
    for (const f of list) {
      out.push(`### ${f.scenarioId} / ${f.invariantId ?? 'no invariant id'} — ${f.class}${f.known ? ' — known' : ''}`);
      out.push('');
      out.push(`- signature: \`${f.signature}\`${(count.get(f.signature) ?? 0) > 1 ? ` (1 defect, seen ${count.get(f.signature)} times in this run)` : ''}`);
      if (f.known) out.push(`- known defect: ${f.known.link}${f.known.followOnOf ? ` (follow-on of \`${f.known.followOnOf}\`)` : ''}; contract ${f.known.contract}${f.known.appFile ? `; app \`${f.known.appFile}\`` : ''}`);
      out.push(`- title: ${f.title}`);
      out.push(`- organization under test: ${f.organizationUnderTest ?? 'unknown'}`);
      out.push(`- class: **${f.class}** (${f.classSignal}); owner: ${f.owner}`);
      out.push(`- key entity ids: ${Object.entries(f.keyEntityIds).map(([k, v]) => `\`${k}=${v}\``).join(', ') || 'none'}`);
      out.push(`- repro: \`${f.repro}\``);
      if (f.trace) out.push(`- trace: \`${f.trace}\` — \`${f.showTrace}\``);
      if (f.evidence.length) out.push(`- evidence: ${f.evidence.map((e) => `[${e}](${e})`).join(', ')}`);
      if (f.requestIds.length) out.push(`- request ids: ${f.requestIds.map((r) => `\`${r}\``).join(', ')}`);
      for (const n of f.notEvaluated) out.push(`- not evaluated because of it: ${n.checkId} — ${n.summary}`);
      out.push('');
      out.push('```');
      out.push(f.message.split('\n').slice(0, 30).join('\n'));
      out.push('```');
      out.push('');
    }
  }
  if (r.possiblyFixed.length) {
    out.push('## Known defects possibly fixed');
    out.push('');
    for (const p of r.possiblyFixed) out.push(`- \`${p.signature}\`: its check ran and passed in ${p.scenarios.join(', ')} — ${p.link}`);
    out.push('');
  }
  out.push('## Scenarios');
  out.push('');
  out.push('| scenario | status | org | checks | duration |');
  out.push('|---|---|---|---|---|');
  for (const s of r.scenarios) {
    const failed = s.checks.filter((c) => c.verdict === 'fail').length;
    out.push(`| ${s.scenarioId}${s.timeSensitive ? ' `@time`' : ''} | ${s.status}${s.skipReason ? ` (${esc(s.skipReason)})` : ''} | ${s.organizationUnderTest ?? ''} | ${s.checks.length}${failed ? ` (${failed} failed)` : ''} | ${(s.durationMs / 1000).toFixed(1)} s |`);
  }
  out.push('');
  return out.join('\n');
}

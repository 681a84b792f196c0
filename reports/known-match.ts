/**
 * Telling known defects from new failures (docs/architecture.md#known-defects): a failure whose signature
 * is an entry's is that known defect; a failure whose signature is one of an entry's follow-ons is
 * known only when it names an entity of that entry's primary failure, in the same attempt (the same
 * scenario) or in the run's RUN-SWEEP; every other failure is new. An entry with no failure whose
 * check ran and passed is *possibly fixed*.
 */
import type { Check, Failure, KnownMatch } from './schema.js';
import { resolveLink, type LoadedKnown } from '../witness/known.js';

/** Does a passing check stand for this signature? (A page signature adds the kind of row in error.) */
function checkCovers(check: Check, signature: string): boolean {
  return check.signature.split(', ').some((s) => s === signature || signature.startsWith(`${s} `));
}

export interface KnownOutcome {
  failures: Failure[];
  possiblyFixed: { signature: string; link: string; scenarios: string[] }[];
}

export function applyKnown(failures: Failure[], checks: (Check & { scenarioId: string })[], loaded: LoadedKnown | null): KnownOutcome {
  if (!loaded) return { failures: failures.map((f) => ({ ...f, known: null })), possiblyFixed: [] };
  const entries = loaded.known.defects;
  const match = (e: (typeof entries)[number], followOnOf: string | null): KnownMatch => ({
    signature: e.signature,
    link: resolveLink(e.link, loaded.file),
    contract: e.contract,
    appFile: e.appFile ?? null,
    followOnOf,
  });
  // Primaries first: their entities decide which follow-ons are theirs.
  const out = failures.map((f) => {
    const e = entries.find((x) => x.signature === f.signature);
    return { ...f, known: e ? match(e, null) : null };
  });
  for (const f of out) {
    if (f.known) continue;
    for (const e of entries) {
      const follow = e.followOns.find((x) => x.signature === f.signature);
      if (!follow) continue;
      const primaries = out.filter((p) => p.known?.signature === e.signature && p.known.followOnOf === null && (p.scenarioId === f.scenarioId || f.scenarioId === 'RUN-SWEEP'));
      const text = `${f.message}\n${f.entities.join(' ')}`;
      if (primaries.some((p) => p.entities.some((id) => text.includes(id)))) {
        f.known = match(e, e.signature);
        break;
      }
    }
  }
  const possiblyFixed = entries
    .filter((e) => !out.some((f) => f.known?.signature === e.signature && f.known.followOnOf === null))
    .map((e) => ({ e, passed: checks.filter((c) => c.verdict === 'pass' && checkCovers(c, e.signature)) }))
    .filter((x) => x.passed.length > 0)
    .map((x) => ({ signature: x.e.signature, link: resolveLink(x.e.link, loaded.file), scenarios: [...new Set(x.passed.map((c) => c.scenarioId))] }));
  return { failures: out, possiblyFixed };
}

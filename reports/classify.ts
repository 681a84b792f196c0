/**
 * Failure classes, owners and their deciding signal (docs/architecture.md#classes; the triage
 * runbook's five classes). Decided only from real signals: the ids in the messages, the attempts'
 * outcomes. First that applies: Infra/CI; Data/schema drift; Flake/timing; Harness/diagnostics;
 * Algorithm regression.
 */
import type { FailureClass } from './schema.js';

export interface AttemptSignal {
  status: string;
  invariantId: string | null;
  message: string | null;
}

export interface Classified {
  class: FailureClass;
  signal: string;
  owner: string;
}

export function ownerOf(cls: FailureClass, mode: string | null): string {
  const external = mode === 'external';
  switch (cls) {
    case 'Infra/CI':
      return '.github/ and .ci/ (CI and workflow maintainers)';
    case 'Data/schema drift':
      return external ? "the target app's schema and migration owners" : 'target/schema.sql (schema owners)';
    case 'Flake/timing':
      return 'witness/ and fixtures/ (harness maintainers; a flake is a harness or algorithm defect to fix deterministically)';
    case 'Harness/diagnostics':
      return 'witness/ and fixtures/ (harness maintainers)';
    case 'Algorithm regression':
      return external ? "the target app's domain service owners" : 'target/ services (domain service owners)';
  }
}

/** Errors that mean the target, the database or the browser was not there. */
export const INFRA_SIGNS =
  /ECONNREFUSED|ERR_CONNECTION_REFUSED|ECONNRESET|ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE|socket hang up|terminating connection due to administrator command|Connection terminated unexpectedly|the database system is shutting down|browserType\.launch|Executable doesn't exist|Target page, context or browser has been closed|Worker process exited unexpectedly|worker process exited|INFRA-\d{3}/;

export function classify(attempts: AttemptSignal[], scenarioId: string, mode: string | null): Classified {
  const failed = attempts.filter((a) => a.status !== 'passed' && a.status !== 'skipped');
  const ids = failed.map((a) => a.invariantId);
  const first = ids.find((x) => x) ?? null;
  const decide = (cls: FailureClass, signal: string): Classified => ({ class: cls, signal, owner: ownerOf(cls, mode) });

  // A timed-out attempt is judged by its reachability probe (its id says which), never by the
  // "page closed" errors that follow every timeout (docs/architecture.md#classes).
  const infraText = failed.filter((a) => a.status !== 'timedOut').map((a) => a.message ?? '').find((m) => INFRA_SIGNS.test(m));
  if (infraText) return decide('Infra/CI', `error says: ${INFRA_SIGNS.exec(infraText)![0]}`);
  if (ids.some((id) => id?.startsWith('INFRA-'))) return decide('Infra/CI', `invariant ${ids.find((id) => id?.startsWith('INFRA-'))} (target, database, browser or env)`);
  if (ids.some((id) => id?.startsWith('SCHEMA-'))) return decide('Data/schema drift', `invariant ${ids.find((id) => id?.startsWith('SCHEMA-'))}`);
  const passedSome = attempts.some((a) => a.status === 'passed');
  if (passedSome && failed.length) return decide('Flake/timing', `attempts disagree: ${attempts.map((a) => a.status).join(' → ')}`);
  if (new Set(ids.map((x) => x ?? 'none')).size > 1) return decide('Flake/timing', `attempts failed with different ids: ${ids.map((x) => x ?? 'none').join(' → ')}`);
  if (scenarioId === 'UNKNOWN' || !first) return decide('Harness/diagnostics', !first ? 'the failure carries no invariant id' : 'the test title carries no scenario id');
  if (first.startsWith('HARNESS-')) return decide('Harness/diagnostics', `invariant ${first} (the suite's own machinery)`);
  return decide('Algorithm regression', `invariant ${first} failed on ${failed.length === 1 ? 'the only attempt' : `all ${failed.length} attempts`} with the same id`);
}

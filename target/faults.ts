// Switchable faults: the suite's laboratory. Each fault changes behaviour for every input (never keyed
// to particular ids or names) and is checked with isOn(name) at the single place where it acts.

import { FAULTS } from './fault-catalog.js';

export { FAULTS, type Fault } from './fault-catalog.js';

const known = new Set(FAULTS.map((f) => f.name));
const active = new Set<string>();

export function isOn(name: string): boolean {
  return active.size > 0 && active.has(name);
}

const spent = new Set<string>();

/** True once per switch-on: for faults that only the first request after switching them on sees. */
export function isOnOnce(name: string): boolean {
  if (!isOn(name) || spent.has(name)) return false;
  spent.add(name);
  return true;
}

const armed = new Map<string, number>();

/** For a fault that acts for a while after a trigger: arm it where the trigger happens (only while it is on). */
export function arm(name: string, forMs = 10_000): void {
  if (isOn(name)) armed.set(name, Date.now() + forMs);
}

/** Whether an armed fault acts here, now (until its time after the trigger runs out). */
export function armedNow(name: string): boolean {
  return isOn(name) && (armed.get(name) ?? 0) > Date.now();
}

export function activeFaults(): string[] {
  return [...active];
}

/** Replace the active set. Returns the unknown names (nothing changes when there are any). */
export function setActiveFaults(names: string[]): string[] {
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) return unknown;
  active.clear();
  spent.clear();
  armed.clear();
  for (const n of names) active.add(n);
  return [];
}

/**
 * The reference target's test hooks (docs/architecture.md#faults), reached over HTTP like everything
 * else of the target. A target without them (a real Drive, `pnpm target --strict`) answers 404,
 * which the suite reads as "no clock, no fault switch".
 */
import { runRequestHeaders } from './requests.js';
export interface FaultInfo {
  name: string;
  description: string;
  surface?: string;
  mustTrip: { scenarios: string[]; invariants: string[] };
}

async function hook(baseUrl: string, path: string, init?: RequestInit): Promise<Response> {
  const url = new URL(path, baseUrl);
  const method = init?.method ?? 'GET';
  return fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...runRequestHeaders(`hook ${method} ${path}`, method, url.href), ...(init?.headers ?? {}) },
  });
}

export async function hasHooks(baseUrl: string): Promise<boolean> {
  try {
    const r = await hook(baseUrl, '/__witness/clock', { redirect: 'manual' });
    return r.ok && (r.headers.get('content-type') ?? '').includes('json');
  } catch {
    return false;
  }
}

export async function setFaults(baseUrl: string, active: string[]): Promise<void> {
  const r = await hook(baseUrl, '/__witness/faults', { method: 'PUT', body: JSON.stringify({ active }) });
  if (!r.ok) {
    const body = await r.text();
    throw new Error(`could not switch faults [${active.join(', ')}] on: ${r.status} ${body.slice(0, 200)}`);
  }
}

export async function getFaults(baseUrl: string): Promise<{ active: string[]; catalog: FaultInfo[] }> {
  const r = await hook(baseUrl, '/__witness/faults');
  if (!r.ok) throw new Error(`the target has no fault switch (${r.status})`);
  return (await r.json()) as { active: string[]; catalog: FaultInfo[] };
}

export async function setClock(baseUrl: string, now: string | null, frozen = false): Promise<void> {
  const r = await hook(baseUrl, '/__witness/clock', { method: 'PUT', body: JSON.stringify({ now, frozen }) });
  if (!r.ok) throw new Error(`could not set the target clock: ${r.status}`);
}

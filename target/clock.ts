// The server's notion of "now" for business rules. Everything that decides by time reads now() here.
// Test hooks may shift or freeze it; database defaults (now()) keep real time.

let offsetMs = 0;
let frozenAt: number | null = null;

export function now(): Date {
  return new Date(frozenAt ?? Date.now() + offsetMs);
}

export function clockState(): { now: string; frozen: boolean; offsetMs: number } {
  const n = now();
  return { now: n.toISOString(), frozen: frozenAt !== null, offsetMs: frozenAt !== null ? frozenAt - Date.now() : offsetMs };
}

/** null = real time again. frozen=true stops the clock at `at`; otherwise it keeps running from `at`. */
export function setClock(at: Date | null, frozen = false): void {
  if (at === null) {
    offsetMs = 0;
    frozenAt = null;
    return;
  }
  if (frozen) {
    frozenAt = at.getTime();
    offsetMs = 0;
  } else {
    frozenAt = null;
    offsetMs = at.getTime() - Date.now();
  }
}

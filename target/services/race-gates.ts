// Gates for the race faults (target/faults.ts): a faulty path waits for the other side of the race
// to reach its point before it writes, so the race the fault stands for is lost every time, not by luck.
// A signal is remembered for a while: a side that arrives after the other already passed its point
// goes straight on instead of waiting out the bound (which would let the race go either way).

type Side = 'accept' | 'accept-read' | 'assign';
const waiters = new Map<string, (() => void)[]>();
const passed = new Map<string, number>();
const REMEMBER_MS = 30_000;

function landed(side: Side, assignmentId: string): void {
  const key = `${side}:${assignmentId}`;
  const at = Date.now();
  passed.set(key, at);
  for (const [k, t] of passed) if (at - t > REMEMBER_MS) passed.delete(k);
  for (const release of waiters.get(key) ?? []) release();
  waiters.delete(key);
}

function awaitSide(side: Side, assignmentId: string, ms: number): Promise<void> {
  const key = `${side}:${assignmentId}`;
  const at = passed.get(key);
  if (at !== undefined && Date.now() - at <= REMEMBER_MS) return Promise.resolve();
  return new Promise((resolve) => {
    waiters.set(key, [...(waiters.get(key) ?? []), resolve]);
    setTimeout(resolve, ms).unref();
  });
}

/** An accept of this assignment has committed: release whoever waits for it. */
export const acceptLanded = (assignmentId: string) => landed('accept', assignmentId);
/** An accept of this assignment has read its window (and will write from what it read). */
export const acceptRead = (assignmentId: string) => landed('accept-read', assignmentId);
/** A manager's manual assign of this assignment has committed. */
export const assignLanded = (assignmentId: string) => landed('assign', assignmentId);
/** Wait until an accept of this assignment commits, at most `ms`. */
export const acceptOf = (assignmentId: string, ms = 2000) => awaitSide('accept', assignmentId, ms);
/** Wait until an accept of this assignment has read its window, at most `ms`. */
export const acceptReadOf = (assignmentId: string, ms = 2000) => awaitSide('accept-read', assignmentId, ms);
/** Wait until a manual assign of this assignment commits, at most `ms`. */
export const assignOf = (assignmentId: string, ms = 2000) => awaitSide('assign', assignmentId, ms);

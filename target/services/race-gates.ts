// Gates for the race faults (target/faults.ts): a faulty path waits for the other side of the race
// to land before it writes, so the race the fault stands for is lost every time, not by luck.

type Side = 'accept' | 'assign';
const waiters = new Map<string, (() => void)[]>();

function landed(side: Side, assignmentId: string): void {
  const key = `${side}:${assignmentId}`;
  for (const release of waiters.get(key) ?? []) release();
  waiters.delete(key);
}

function awaitSide(side: Side, assignmentId: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const key = `${side}:${assignmentId}`;
    waiters.set(key, [...(waiters.get(key) ?? []), resolve]);
    setTimeout(resolve, ms).unref();
  });
}

/** An accept of this assignment has committed: release whoever waits for it. */
export const acceptLanded = (assignmentId: string) => landed('accept', assignmentId);
/** A manager's manual assign of this assignment has committed. */
export const assignLanded = (assignmentId: string) => landed('assign', assignmentId);
/** Wait until an accept of this assignment commits, at most `ms`. */
export const acceptOf = (assignmentId: string, ms = 2000) => awaitSide('accept', assignmentId, ms);
/** Wait until a manual assign of this assignment commits, at most `ms`. */
export const assignOf = (assignmentId: string, ms = 2000) => awaitSide('assign', assignmentId, ms);

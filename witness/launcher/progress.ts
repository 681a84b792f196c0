/** Short progress lines on stderr, so they never mix with a reporter's stdout. */
export function say(line: string): void {
  if (process.env.WITNESS_QUIET === '1') return;
  process.stderr.write(`[witness] ${line}\n`);
}

export async function timed<T>(what: string, fn: () => Promise<T>, done: (v: T) => string): Promise<T> {
  const t0 = Date.now();
  say(`${what} …`);
  const v = await fn();
  say(`${done(v)} (ready in ${Date.now() - t0} ms)`);
  return v;
}

/**
 * A refusal is a decision, not a crash: one line that says what is wrong and how to fix it.
 * The launcher prints `message` alone (no stack) and exits non-zero.
 */
export class Refusal extends Error {
  constructor(
    /** INFRA-004, SCHEMA-002 ... the catalog id this refusal belongs to */
    readonly id: string,
    message: string,
  ) {
    super(`${id} ${message}`);
    this.name = 'Refusal';
    // A refusal is read by people; the stack of the launcher helps nobody.
    this.stack = this.message;
  }
}

export function isRefusal(e: unknown): e is Refusal {
  return e instanceof Error && e.name === 'Refusal';
}

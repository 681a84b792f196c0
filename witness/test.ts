/**
 * What journeys import: `test` and `expect` with the suite's fixtures (one per file under
 * witness/fixtures/, composed in its index).
 */
export { test, expect, SCENARIO_RE } from './fixtures/index.js';
export type { SlotContext, TargetClock, RunOptions } from './fixtures/index.js';

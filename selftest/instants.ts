/**
 * The instants the pack is proven at (docs/architecture.md#time): a Toronto day's edges and middle, one on a
 * DST change day, one at the year's turn. `pnpm test` runs the time-sensitive journeys at all four
 * (the whole pack at the first); the nightly workflow runs the whole pack at each.
 */
export const INSTANTS: readonly string[] = [
  '2026-03-08T00:05:00-05:00', // 00:05 on the spring DST change day (02:00 → 03:00 that night)
  '2026-06-15T08:59:00-04:00', // 08:59, a minute before the routes' 09:00 start
  '2026-11-01T13:30:00-05:00', // 13:30 on the fall DST change day
  '2026-12-31T23:55:00-05:00', // 23:55 on New Year's Eve: tomorrow is in another year
];

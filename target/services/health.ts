// Live health score (contract §4.1 HealthResponse, §6.5) — the same contribution rules, computed on read.
import { now } from '../clock.js';
import { q, q1 } from '../db.js';
import { torontoDate } from '../time.js';

const POINTS = {
  confirmedOnTime: 1,
  arrivedOnTime: 2,
  completedShifts: 2,
  highDelivery: 1,
  bidPickups: 2,
  urgentPickups: 4,
  autoDrops: -12,
  earlyCancellations: -8,
  lateCancellations: -32,
} as const;

export async function healthResponse(userId: string) {
  const state = await q1<{
    current_score: number; streak_weeks: number; stars: number; assignment_pool_eligible: boolean;
    requires_manager_intervention: boolean; last_score_reset_at: Date | null; next_milestone_stars: number;
  }>(`SELECT * FROM driver_health_state WHERE user_id = $1`, [userId]);
  const snapshots = await q<{ evaluated_at: string; score: number; hard_stop_triggered: boolean; reasons: string[] }>(
    `SELECT evaluated_at, score, hard_stop_triggered, reasons FROM driver_health_snapshots WHERE user_id = $1
     ORDER BY evaluated_at DESC LIMIT 7`,
    [userId],
  );
  const recentScores = snapshots.map((s) => ({ date: s.evaluated_at, score: s.score, hardStopTriggered: s.hard_stop_triggered }));
  const base = { tierThreshold: 96, maxStars: 4, recentScores };
  if (!state) {
    return {
      tier: 'I', score: null, stars: 0, streakWeeks: 0, ...base,
      hardStop: { triggered: false, assignmentPoolEligible: true, requiresManagerIntervention: false, reasons: [] as string[] },
      nextMilestone: { targetStars: 1, currentStars: 0 },
      simulation: { bonusEligible: false, bonusPercent: 10, label: 'simulation' },
      contributions: null,
      isOnboarding: true,
    };
  }
  const today = torontoDate(now());
  const since = state.last_score_reset_at ? torontoDate(state.last_score_reset_at) : '0001-01-01';
  const c = (await q1<Record<keyof typeof POINTS, number>>(
    `SELECT
       count(*) FILTER (WHERE a.confirmed_at IS NOT NULL AND a.status IN ('scheduled','active','completed'))::int AS "confirmedOnTime",
       count(*) FILTER (WHERE s.arrived_at IS NOT NULL AND s.arrived_at <
         ((a.date::text || ' ' || CASE WHEN r.start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' THEN r.start_time ELSE '09:00' END)::timestamp
           AT TIME ZONE 'America/Toronto'))::int AS "arrivedOnTime",
       count(*) FILTER (WHERE s.completed_at IS NOT NULL)::int AS "completedShifts",
       count(*) FILTER (WHERE s.completed_at IS NOT NULL AND s.parcels_start > 0 AND
         (s.parcels_start - coalesce(s.parcels_returned, 0) + s.excepted_returns)::real / s.parcels_start >= 0.95)::int AS "highDelivery",
       count(*) FILTER (WHERE a.cancel_type = 'auto_drop')::int AS "autoDrops",
       count(*) FILTER (WHERE a.status = 'cancelled' AND a.cancel_type = 'driver')::int AS "earlyCancellations",
       count(*) FILTER (WHERE a.cancel_type = 'late')::int AS "lateCancellations"
     FROM assignments a JOIN routes r ON r.id = a.route_id LEFT JOIN shifts s ON s.assignment_id = a.id
     WHERE a.user_id = $1 AND a.date >= $2 AND a.date <= $3`,
    [userId, since, today],
  ))!;
  const bids = (await q1<{ bidPickups: number; urgentPickups: number }>(
    `SELECT count(*) FILTER (WHERE bw.mode = 'competitive')::int AS "bidPickups",
            count(*) FILTER (WHERE bw.mode <> 'competitive')::int AS "urgentPickups"
     FROM bids b JOIN bid_windows bw ON bw.id = b.bid_window_id
     WHERE b.user_id = $1 AND b.status = 'won' AND ($2::timestamptz IS NULL OR b.bid_at >= $2)`,
    [userId, state.last_score_reset_at],
  ))!;
  const counts = { ...c, ...bids } as Record<keyof typeof POINTS, number>;
  const contributions = Object.fromEntries(
    (Object.keys(POINTS) as (keyof typeof POINTS)[]).map((k) => [k, { count: counts[k], points: counts[k] * POINTS[k] }]),
  ) as Record<keyof typeof POINTS, { count: number; points: number }>;
  const triggered = !state.assignment_pool_eligible || state.requires_manager_intervention;
  let score = Math.max(0, Object.values(contributions).reduce((sum, v) => sum + v.points, 0));
  if (triggered) score = Math.min(score, 49);
  const latest = snapshots[0];
  return {
    tier: score >= 96 ? 'II' : 'I',
    score,
    stars: state.stars,
    streakWeeks: state.streak_weeks,
    ...base,
    hardStop: {
      triggered,
      assignmentPoolEligible: state.assignment_pool_eligible,
      requiresManagerIntervention: state.requires_manager_intervention,
      reasons: latest?.hard_stop_triggered ? latest.reasons : [],
    },
    nextMilestone: { targetStars: state.next_milestone_stars, currentStars: state.stars },
    simulation: { bonusEligible: state.stars >= 4, bonusPercent: 10, label: 'simulation' },
    contributions,
    isOnboarding: false,
  };
}

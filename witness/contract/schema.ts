/**
 * The database the Drive contract describes (contract §2), written from the contract — never
 * derived from the reference target's SQL. The drift precheck compares a live database with it.
 * Column notation: `name type` with `!` for NOT NULL and `?` for nullable; no mark = the contract
 * does not settle it. Types use information_schema's names; enum columns name their enum type.
 */
const TZ = 'timestamp with time zone';

function cols(spec: string): Record<string, { type: string; nullable?: boolean }> {
  const out: Record<string, { type: string; nullable?: boolean }> = {};
  for (const raw of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\w+)\s+(.+?)([!?]?)$/.exec(raw);
    if (!m) throw new Error(`bad column spec: ${raw}`);
    const type = m[2]!.trim().replace(/^tz$/, TZ);
    out[m[1]!] = { type, ...(m[3] === '!' ? { nullable: false } : m[3] === '?' ? { nullable: true } : {}) };
  }
  return out;
}

export const CONTRACT_ENUMS: Record<string, string[]> = {
  assignment_status: ['scheduled', 'active', 'completed', 'cancelled', 'unfilled'],
  assigned_by: ['algorithm', 'manager', 'bid'],
  bid_status: ['pending', 'won', 'lost'],
  bid_window_status: ['open', 'closed', 'resolved'],
  bid_window_mode: ['competitive', 'instant', 'emergency'],
  cancel_reason: ['vehicle_breakdown', 'medical_emergency', 'family_emergency', 'traffic_accident', 'weather_conditions', 'personal_emergency', 'other'],
  cancel_type: ['driver', 'late', 'auto_drop'],
  notification_type: [
    'shift_reminder', 'bid_open', 'bid_won', 'bid_lost', 'shift_cancelled', 'warning', 'manual', 'schedule_locked', 'assignment_confirmed',
    'route_unfilled', 'route_cancelled', 'driver_no_show', 'confirmation_reminder', 'shift_auto_dropped', 'emergency_route_available',
    'streak_advanced', 'streak_reset', 'bonus_eligible', 'corrective_warning', 'return_exception', 'stale_shift_reminder',
  ],
  actor_type: ['user', 'system'],
  signup_onboarding_kind: ['approval', 'invite'],
  signup_onboarding_status: ['pending', 'reserved', 'consumed', 'revoked'],
};

export const CONTRACT_COLUMNS: Record<string, Record<string, { type: string; nullable?: boolean }>> = {
  user: cols(`id text!, name text!, email text!, email_verified boolean!, image text?, role text!, phone text?, weekly_cap integer!,
    is_flagged boolean!, flag_warning_date tz?, fcm_token text?, preferred_locale text!, organization_id uuid!, created_at tz!, updated_at tz!`),
  account: cols(`id text!, user_id text!, account_id text!, provider_id text!, password text?, access_token text?, refresh_token text?,
    id_token text?, scope text?, access_token_expires_at tz?, refresh_token_expires_at tz?, created_at tz!, updated_at tz!`),
  session: cols(`id text!, user_id text!, token text!, expires_at tz!, ip_address text?, user_agent text?, created_at tz!, updated_at tz!`),
  verification: cols(`id text!, identifier text!, value text!, expires_at tz!, created_at tz, updated_at tz`),
  rate_limit: cols(`id text!, key text!, count integer!, last_request bigint!`),
  passkey: cols(`id text!, name text?, public_key text!, user_id text!, credential_id text!, counter integer!, device_type text!,
    backed_up boolean!, transports text?, aaguid text?, created_at tz?`),
  organizations: cols(`id uuid!, name text!, slug text!, join_code_hash text!, owner_user_id text?, created_at tz!, updated_at tz!`),
  organization_dispatch_settings: cols(`organization_id uuid!, emergency_bonus_percent integer!, reward_min_attendance_percent integer!,
    corrective_completion_threshold_percent integer!, updated_by text?, updated_at tz!`),
  dispatch_settings: cols(`id text!, emergency_bonus_percent integer, updated_by text, updated_at tz`),
  warehouses: cols(`id uuid!, name text!, address text!, organization_id uuid!, created_by text?, created_at tz!, updated_at tz!`),
  warehouse_managers: cols(`id uuid!, warehouse_id uuid!, user_id text!, created_at tz`),
  routes: cols(`id uuid!, name text!, warehouse_id uuid!, manager_id text?, start_time text!, created_by text?, created_at tz!, updated_at tz!`),
  assignments: cols(`id uuid!, route_id uuid!, warehouse_id uuid!, date date!, status assignment_status!, user_id text?, assigned_by assigned_by?,
    assigned_at tz?, confirmed_at tz?, cancel_type cancel_type?, cancelled_at tz?, created_at tz!, updated_at tz!`),
  shifts: cols(`id uuid!, assignment_id uuid!, arrived_at tz?, parcels_start integer?, parcels_delivered integer?, parcels_returned integer?,
    started_at tz?, completed_at tz?, editable_until tz?, excepted_returns integer!, exception_notes text?, cancelled_at tz?,
    cancel_reason cancel_reason?, cancel_notes text?, created_at tz!`),
  bid_windows: cols(`id uuid!, assignment_id uuid!, mode bid_window_mode!, trigger text?, pay_bonus_percent integer!, opens_at tz!,
    closes_at tz!, status bid_window_status!, winner_id text?`),
  bids: cols(`id uuid!, assignment_id uuid!, bid_window_id uuid!, user_id text!, score real?, status bid_status!, bid_at tz!,
    window_closes_at tz!, resolved_at tz?`),
  driver_preferences: cols(`id uuid!, user_id text!, preferred_days integer[]!, preferred_routes uuid[]!, updated_at tz!, locked_at tz?`),
  driver_metrics: cols(`user_id text!, total_shifts integer!, completed_shifts integer!, attendance_rate real!, completion_rate real!,
    avg_parcels_delivered real!, total_assigned integer!, confirmed_shifts integer!, auto_dropped_shifts integer!, late_cancellations integer!,
    no_shows integer!, bid_pickups integer!, arrived_on_time_count integer!, high_delivery_count integer!, urgent_pickups integer!, updated_at tz`),
  route_completions: cols(`user_id text!, route_id uuid!, completion_count integer!, last_completed_at tz?`),
  notifications: cols(`id uuid!, user_id text!, organization_id uuid?, type notification_type!, title text!, body text!, data jsonb?,
    read boolean!, created_at tz!`),
  audit_logs: cols(`id uuid!, entity_type text!, entity_id text!, action text!, actor_id text?, organization_id uuid?, actor_type actor_type!,
    changes jsonb?, created_at tz`),
  signup_onboarding: cols(`id uuid!, organization_id uuid!, email text!, kind signup_onboarding_kind!, target_role text!, token_hash text?,
    status signup_onboarding_status!, created_by text?, created_at tz!, updated_at tz!, expires_at tz?, consumed_at tz?, revoked_at tz?,
    consumed_by_user_id text?, revoked_by_user_id text?`),
  driver_health_snapshots: cols(`id uuid!, user_id text!, evaluated_at date!, score integer!, attendance_rate real!, completion_rate real!,
    late_cancellation_count_30d integer!, no_show_count_30d integer!, hard_stop_triggered boolean!, reasons jsonb!, contributions jsonb?, created_at tz`),
  driver_health_state: cols(`user_id text!, current_score integer!, streak_weeks integer!, stars integer!, last_qualified_week_start date?,
    assignment_pool_eligible boolean!, requires_manager_intervention boolean!, reinstated_at tz?, last_score_reset_at tz?,
    next_milestone_stars integer!, updated_at tz`),
};

/** The unique indexes journeys rely on (matched by table, columns and partial-ness, not by name). */
export const CONTRACT_UNIQUE_INDEXES: { name: string; table: string; columns: string[]; partial: boolean }[] = [
  { name: 'uq_assignments_active_user_date', table: 'assignments', columns: ['user_id', 'date'], partial: true },
  { name: 'uq_bid_windows_open_assignment', table: 'bid_windows', columns: ['assignment_id'], partial: true },
  { name: 'uq_bids_window_user', table: 'bids', columns: ['bid_window_id', 'user_id'], partial: false },
  { name: 'user email unique', table: 'user', columns: ['email'], partial: false },
  { name: 'session token unique', table: 'session', columns: ['token'], partial: false },
  { name: 'uq_organizations_slug', table: 'organizations', columns: ['slug'], partial: false },
  { name: 'warehouse_managers (warehouse_id, user_id) unique', table: 'warehouse_managers', columns: ['warehouse_id', 'user_id'], partial: false },
];

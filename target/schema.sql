-- Drive reference schema (contract §2). Applied in one transaction by `tsx target/cli.ts apply-schema`.

-- ── Enum types (values in contract order) ──────────────────────────────────────────────────────
CREATE TYPE assignment_status AS ENUM ('scheduled', 'active', 'completed', 'cancelled', 'unfilled');
CREATE TYPE assigned_by AS ENUM ('algorithm', 'manager', 'bid');
CREATE TYPE bid_status AS ENUM ('pending', 'won', 'lost');
CREATE TYPE bid_window_status AS ENUM ('open', 'closed', 'resolved');
CREATE TYPE bid_window_mode AS ENUM ('competitive', 'instant', 'emergency');
CREATE TYPE cancel_reason AS ENUM ('vehicle_breakdown', 'medical_emergency', 'family_emergency',
  'traffic_accident', 'weather_conditions', 'personal_emergency', 'other');
CREATE TYPE cancel_type AS ENUM ('driver', 'late', 'auto_drop');
CREATE TYPE notification_type AS ENUM ('shift_reminder', 'bid_open', 'bid_won', 'bid_lost',
  'shift_cancelled', 'warning', 'manual', 'schedule_locked', 'assignment_confirmed', 'route_unfilled',
  'route_cancelled', 'driver_no_show', 'confirmation_reminder', 'shift_auto_dropped',
  'emergency_route_available', 'streak_advanced', 'streak_reset', 'bonus_eligible',
  'corrective_warning', 'return_exception', 'stale_shift_reminder');
CREATE TYPE actor_type AS ENUM ('user', 'system');
CREATE TYPE signup_onboarding_kind AS ENUM ('approval', 'invite');
CREATE TYPE signup_onboarding_status AS ENUM ('pending', 'reserved', 'consumed', 'revoked');

-- ── Tenants and Better Auth tables ─────────────────────────────────────────────────────────────
CREATE TABLE organizations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  slug text NOT NULL,
  join_code_hash text NOT NULL,
  owner_user_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX uq_organizations_slug ON organizations (slug);
CREATE UNIQUE INDEX uq_organizations_join_code_hash ON organizations (join_code_hash);

CREATE TABLE "user" (
  id text PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL,
  email_verified boolean NOT NULL DEFAULT false,
  image text,
  role text NOT NULL DEFAULT 'driver',
  phone text,
  weekly_cap integer NOT NULL DEFAULT 4,
  is_flagged boolean NOT NULL DEFAULT false,
  flag_warning_date timestamptz,
  fcm_token text,
  preferred_locale text NOT NULL DEFAULT 'en',
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT user_email_unique UNIQUE (email)
);
CREATE INDEX idx_user_org ON "user" (organization_id);

ALTER TABLE organizations
  ADD CONSTRAINT organizations_owner_user_id_fk FOREIGN KEY (owner_user_id) REFERENCES "user" (id) ON DELETE SET NULL;

CREATE TABLE account (
  id text PRIMARY KEY,
  account_id text NOT NULL,
  provider_id text NOT NULL,
  user_id text NOT NULL REFERENCES "user" (id) ON DELETE CASCADE,
  access_token text,
  refresh_token text,
  id_token text,
  access_token_expires_at timestamptz,
  refresh_token_expires_at timestamptz,
  scope text,
  password text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE session (
  id text PRIMARY KEY,
  expires_at timestamptz NOT NULL,
  token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  ip_address text,
  user_agent text,
  user_id text NOT NULL REFERENCES "user" (id) ON DELETE CASCADE,
  CONSTRAINT session_token_unique UNIQUE (token)
);

CREATE TABLE verification (
  id text PRIMARY KEY,
  identifier text NOT NULL,
  value text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rate_limit (
  id text PRIMARY KEY,
  key text NOT NULL,
  count integer NOT NULL,
  last_request bigint NOT NULL,
  CONSTRAINT rate_limit_key_unique UNIQUE (key)
);

CREATE TABLE passkey (
  id text PRIMARY KEY,
  name text,
  public_key text NOT NULL,
  user_id text NOT NULL REFERENCES "user" (id) ON DELETE CASCADE,
  credential_id text NOT NULL,
  counter integer NOT NULL,
  device_type text NOT NULL,
  backed_up boolean NOT NULL,
  transports text,
  aaguid text,
  created_at timestamptz DEFAULT now(),
  CONSTRAINT passkey_credential_id_unique UNIQUE (credential_id)
);

-- ── Settings ───────────────────────────────────────────────────────────────────────────────────
CREATE TABLE organization_dispatch_settings (
  organization_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
  emergency_bonus_percent integer NOT NULL DEFAULT 20,
  reward_min_attendance_percent integer NOT NULL DEFAULT 95,
  corrective_completion_threshold_percent integer NOT NULL DEFAULT 98,
  updated_by text REFERENCES "user" (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dispatch_settings (
  id text PRIMARY KEY DEFAULT 'global',
  emergency_bonus_percent integer NOT NULL DEFAULT 20,
  updated_by text REFERENCES "user" (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- ── Operations ─────────────────────────────────────────────────────────────────────────────────
CREATE TABLE warehouses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  address text NOT NULL,
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
  created_by text REFERENCES "user" (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_warehouses_org ON warehouses (organization_id);

CREATE TABLE warehouse_managers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  warehouse_id uuid NOT NULL REFERENCES warehouses (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES "user" (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX uq_warehouse_managers_warehouse_user ON warehouse_managers (warehouse_id, user_id);

CREATE TABLE routes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  warehouse_id uuid NOT NULL REFERENCES warehouses (id),
  manager_id text REFERENCES "user" (id) ON DELETE SET NULL,
  start_time text NOT NULL DEFAULT '09:00',
  created_by text REFERENCES "user" (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE assignments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  route_id uuid NOT NULL REFERENCES routes (id),
  user_id text REFERENCES "user" (id),
  warehouse_id uuid NOT NULL REFERENCES warehouses (id),
  date date NOT NULL,
  status assignment_status NOT NULL DEFAULT 'scheduled',
  assigned_by assigned_by,
  assigned_at timestamptz,
  confirmed_at timestamptz,
  cancel_type cancel_type,
  cancelled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_assignments_user_date ON assignments (user_id, date);
CREATE INDEX idx_assignments_status_date ON assignments (status, date);
CREATE INDEX idx_assignments_route_date ON assignments (route_id, date);
CREATE UNIQUE INDEX uq_assignments_active_user_date ON assignments (user_id, date)
  WHERE user_id IS NOT NULL AND status <> 'cancelled';

CREATE TABLE shifts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assignment_id uuid NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
  arrived_at timestamptz,
  parcels_start integer,
  parcels_delivered integer,
  parcels_returned integer,
  started_at timestamptz,
  completed_at timestamptz,
  editable_until timestamptz,
  excepted_returns integer NOT NULL DEFAULT 0,
  exception_notes text,
  cancelled_at timestamptz,
  cancel_reason cancel_reason,
  cancel_notes text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT shifts_assignment_id_unique UNIQUE (assignment_id)
);

CREATE TABLE bid_windows (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assignment_id uuid NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
  mode bid_window_mode NOT NULL DEFAULT 'competitive',
  trigger text,
  pay_bonus_percent integer NOT NULL DEFAULT 0,
  opens_at timestamptz NOT NULL DEFAULT now(),
  closes_at timestamptz NOT NULL,
  status bid_window_status NOT NULL DEFAULT 'open',
  winner_id text REFERENCES "user" (id)
);
CREATE INDEX idx_bid_windows_status_closes ON bid_windows (status, closes_at);
CREATE INDEX idx_bid_windows_assignment_status ON bid_windows (assignment_id, status);
CREATE UNIQUE INDEX uq_bid_windows_open_assignment ON bid_windows (assignment_id) WHERE status = 'open';

CREATE TABLE bids (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  assignment_id uuid NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
  bid_window_id uuid NOT NULL REFERENCES bid_windows (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES "user" (id),
  score real,
  status bid_status NOT NULL DEFAULT 'pending',
  bid_at timestamptz NOT NULL DEFAULT now(),
  window_closes_at timestamptz NOT NULL,
  resolved_at timestamptz
);
CREATE UNIQUE INDEX uq_bids_window_user ON bids (bid_window_id, user_id);

-- ── Driver state ───────────────────────────────────────────────────────────────────────────────
CREATE TABLE driver_preferences (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id text NOT NULL REFERENCES "user" (id) ON DELETE CASCADE,
  preferred_days integer[] NOT NULL DEFAULT '{}',
  preferred_routes uuid[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now(),
  locked_at timestamptz,
  CONSTRAINT driver_preferences_user_id_unique UNIQUE (user_id)
);

CREATE TABLE driver_metrics (
  user_id text PRIMARY KEY REFERENCES "user" (id) ON DELETE CASCADE,
  total_shifts integer NOT NULL DEFAULT 0,
  completed_shifts integer NOT NULL DEFAULT 0,
  attendance_rate real NOT NULL DEFAULT 0,
  completion_rate real NOT NULL DEFAULT 0,
  avg_parcels_delivered real NOT NULL DEFAULT 0,
  total_assigned integer NOT NULL DEFAULT 0,
  confirmed_shifts integer NOT NULL DEFAULT 0,
  auto_dropped_shifts integer NOT NULL DEFAULT 0,
  late_cancellations integer NOT NULL DEFAULT 0,
  no_shows integer NOT NULL DEFAULT 0,
  bid_pickups integer NOT NULL DEFAULT 0,
  arrived_on_time_count integer NOT NULL DEFAULT 0,
  high_delivery_count integer NOT NULL DEFAULT 0,
  urgent_pickups integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE route_completions (
  user_id text NOT NULL REFERENCES "user" (id) ON DELETE CASCADE,
  route_id uuid NOT NULL REFERENCES routes (id) ON DELETE CASCADE,
  completion_count integer NOT NULL DEFAULT 0,
  last_completed_at timestamptz,
  PRIMARY KEY (user_id, route_id)
);

CREATE TABLE driver_health_snapshots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id text NOT NULL REFERENCES "user" (id) ON DELETE CASCADE,
  evaluated_at date NOT NULL,
  score integer NOT NULL,
  attendance_rate real NOT NULL,
  completion_rate real NOT NULL,
  late_cancellation_count_30d integer NOT NULL DEFAULT 0,
  no_show_count_30d integer NOT NULL DEFAULT 0,
  hard_stop_triggered boolean NOT NULL DEFAULT false,
  reasons jsonb NOT NULL DEFAULT '[]'::jsonb,
  contributions jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX uq_driver_health_snapshots_user_date ON driver_health_snapshots (user_id, evaluated_at);

CREATE TABLE driver_health_state (
  user_id text PRIMARY KEY REFERENCES "user" (id) ON DELETE CASCADE,
  current_score integer NOT NULL DEFAULT 0,
  streak_weeks integer NOT NULL DEFAULT 0,
  stars integer NOT NULL DEFAULT 0,
  last_qualified_week_start date,
  assignment_pool_eligible boolean NOT NULL DEFAULT true,
  requires_manager_intervention boolean NOT NULL DEFAULT false,
  reinstated_at timestamptz,
  last_score_reset_at timestamptz,
  next_milestone_stars integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- ── Messages, audit, onboarding ────────────────────────────────────────────────────────────────
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id text NOT NULL REFERENCES "user" (id) ON DELETE CASCADE,
  organization_id uuid REFERENCES organizations (id),
  type notification_type NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  data jsonb,
  read boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_notifications_user_read_created ON notifications (user_id, read, created_at DESC);

CREATE TABLE audit_logs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  action text NOT NULL,
  actor_id text REFERENCES "user" (id),
  organization_id uuid,
  actor_type actor_type NOT NULL,
  changes jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_audit_logs_entity ON audit_logs (entity_type, entity_id, created_at DESC);

CREATE TABLE signup_onboarding (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
  email text NOT NULL,
  kind signup_onboarding_kind NOT NULL DEFAULT 'approval',
  target_role text NOT NULL DEFAULT 'driver',
  token_hash text,
  status signup_onboarding_status NOT NULL DEFAULT 'pending',
  created_by text REFERENCES "user" (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  consumed_at timestamptz,
  revoked_at timestamptz,
  consumed_by_user_id text REFERENCES "user" (id) ON DELETE SET NULL,
  revoked_by_user_id text REFERENCES "user" (id) ON DELETE SET NULL,
  CONSTRAINT signup_onboarding_token_hash_unique UNIQUE (token_hash)
);
CREATE UNIQUE INDEX uq_signup_onboarding_pending_org_email_kind_role
  ON signup_onboarding (organization_id, email, kind, target_role) WHERE status = 'pending';

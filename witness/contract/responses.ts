/**
 * Response shapes of the Drive contract (contract §4), written from the contract, not from the
 * reference target. Every field the contract always returns is required; extra fields are allowed
 * (zod objects are non-strict). Ids are strings, never validated as strict UUIDs (the contract's
 * org ids are not RFC-4122-valid).
 */
import { z } from 'zod';

const id = z.string().min(1);
const nullableStr = z.string().nullable();
const isoOrNull = z.string().nullable();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const MessageBody = z.object({ message: z.string() });
export const CodeMessageBody = z.object({ code: z.string(), message: z.string() });

// §4.1 driver: assignments
export const AssignmentItem = z.object({
  id,
  date,
  status: z.enum(['scheduled', 'active', 'completed', 'cancelled', 'unfilled']),
  confirmedAt: isoOrNull,
  confirmationOpensAt: z.string(),
  confirmationDeadline: z.string(),
  isConfirmable: z.boolean(),
  routeName: z.string(),
  routeStartTime: z.string(),
  warehouseName: z.string(),
  isCancelable: z.boolean(),
  isLateCancel: z.boolean(),
  isArrivable: z.boolean(),
  isStartable: z.boolean(),
  isCompletable: z.boolean(),
  shift: z.object({ id }).passthrough().nullable(),
});
export const AssignmentsMine = z.object({ weekStart: date, nextWeekStart: date, assignments: z.array(AssignmentItem) });
export const ConfirmOk = z.object({ success: z.literal(true), confirmedAt: z.string() });
export const CancelOk = z.object({
  assignment: z.object({ id, status: z.literal('cancelled') }),
  replacementWindow: z.object({ status: z.enum(['created', 'already_open', 'not_created']), bidWindowId: nullableStr, reason: nullableStr.optional() }),
});
export const PreferencesOk = z.object({
  preferences: z
    .object({ id, userId: id, preferredDays: z.array(z.number().int()), preferredRoutes: z.array(id) })
    .passthrough()
    .nullable(),
  isLocked: z.boolean(),
});
export const PreferenceRoutes = z.object({ routes: z.array(z.object({ id, name: z.string(), warehouseName: z.string() })) });

// §4.3 driver: bidding
/** The route-day fields the bidding lists share. */
const BidRouteDay = z.object({
  id,
  assignmentId: id,
  assignmentDate: date,
  routeName: z.string(),
  routeStartTime: z.string(),
  warehouseName: z.string(),
});
export const AvailableWindow = BidRouteDay.extend({
  mode: z.enum(['competitive', 'instant', 'emergency']),
  payBonusPercent: z.number(),
  opensAt: z.string(),
  closesAt: z.string(),
});
export const BidsAvailable = z.object({ bidWindows: z.array(AvailableWindow) });
export const MyBid = BidRouteDay.extend({
  status: z.enum(['pending', 'won', 'lost']),
  score: z.number().nullable(),
  bidAt: z.string(),
  windowClosesAt: z.string(),
  resolvedAt: isoOrNull,
});
export const BidsMine = z.object({ bids: z.array(MyBid) });
export const BidWon = z.object({ success: z.literal(true), status: z.literal('won'), assignmentId: id, bonusPercent: z.number() });

// §4.4 manager: assignments and bid windows
export const OverrideOk = z.object({
  action: z.string(),
  assignment: z.object({ id, status: z.string(), userId: nullableStr, driverName: nullableStr, routeId: id }),
  bidWindow: z.object({ id, mode: z.string(), status: z.string(), closesAt: z.string(), payBonusPercent: z.number() }).nullable(),
  notifiedCount: z.number().nullable(),
});
export const AssignOk = z.object({
  assignment: z.object({ id, routeId: id, routeName: z.string(), date, status: z.literal('scheduled'), userId: id, driverName: z.string() }),
  bidWindowId: nullableStr,
});
export const BidWindowItem = z.object({
  id,
  assignmentId: id,
  assignmentDate: date,
  routeName: z.string(),
  warehouseName: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  status: z.enum(['open', 'resolved']),
  winnerId: nullableStr,
  winnerName: nullableStr,
  bidCount: z.number(),
});
export const BidWindows = z.object({ bidWindows: z.array(BidWindowItem), lastUpdated: z.string() });
export const BidWindowOk = z.object({ bidWindow: BidWindowItem });

// §4.5 manager: routes
export const RouteItem = z.object({
  id,
  name: z.string(),
  startTime: z.string(),
  warehouseId: id,
  warehouseName: z.string(),
  managerId: nullableStr,
  status: z.enum(['assigned', 'unfilled', 'bidding', 'suspended']),
  assignmentStatus: nullableStr,
  isShiftStarted: z.boolean(),
  assignmentId: nullableStr,
  driverName: nullableStr,
  shiftProgress: nullableStr,
});
export const RoutesList = z.object({ routes: z.array(RouteItem), date });
export const RouteOk = z.object({ route: RouteItem });

// §4.6 manager: warehouses
export const WarehouseItem = z.object({
  id,
  name: z.string(),
  address: z.string(),
  routeCount: z.number(),
  // serialized as strings by the real app (contract §8.12); numbers accepted too
  assignedDriversNext7: z.union([z.string(), z.number()]),
  assignedDriversDelta7: z.number(),
  unfilledRoutesNext7: z.union([z.string(), z.number()]),
  unfilledRoutesDelta7: z.number(),
  openBidWindows: z.number(),
  managerCount: z.number(),
});
export const WarehousesList = z.object({ warehouses: z.array(WarehouseItem) });
export const WarehouseOk = z.object({ warehouse: WarehouseItem });
export const WarehouseManagers = z.object({
  managers: z.array(z.object({ id, userId: id, userName: z.string(), userEmail: z.string(), createdAt: z.string() })),
});
export const WarehouseManagerLinked = z.object({ warehouseManager: z.object({ id, warehouseId: id, userId: id, createdAt: z.string() }) });

// §4.7 manager: drivers
export const DriverItem = z.object({
  id,
  name: z.string(),
  email: z.string(),
  weeklyCap: z.number(),
  isFlagged: z.boolean(),
  totalShifts: z.number(),
  healthState: z.string(),
});
export const DriversList = z.object({ drivers: z.array(DriverItem) });
export const DriverOk = z.object({ driver: z.object({ id, name: z.string(), email: z.string(), role: z.string(), weeklyCap: z.number() }).passthrough() });
export const HealthResponse = z.object({
  tier: z.enum(['I', 'II']),
  score: z.number().nullable(),
  stars: z.number(),
  streakWeeks: z.number(),
  hardStop: z.object({ triggered: z.boolean(), assignmentPoolEligible: z.boolean(), requiresManagerIntervention: z.boolean(), reasons: z.array(z.string()) }),
  isOnboarding: z.boolean(),
});

// §4.8 any signed-in user
export const NotificationItem = z.object({
  id,
  type: z.string(),
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.string()).nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});
export const NotificationsList = z.object({
  notifications: z.array(NotificationItem),
  unreadCount: z.number(),
  emergencyUnreadCount: z.number(),
  pagination: z.object({ page: z.number(), pageSize: z.number(), total: z.number(), totalPages: z.number() }),
});

// §4.1 driver: history and dashboard
export const HistoryItem = z.object({
  id,
  date,
  status: z.string(),
  routeName: z.string(),
  warehouseName: z.string(),
  shift: z
    .object({
      parcelsStart: z.number().nullable(),
      parcelsDelivered: z.number().nullable(),
      parcelsReturned: z.number().nullable(),
      exceptedReturns: z.number().nullable(),
      exceptionNotes: nullableStr,
      arrivedAt: isoOrNull,
      completedAt: isoOrNull,
    })
    .nullable(),
});
export const HistoryList = z.object({
  history: z.array(HistoryItem),
  pagination: z.object({ offset: z.number(), limit: z.number(), total: z.number(), hasMore: z.boolean() }),
});
const WeekSummary = z.object({ weekStart: date, assignedDays: z.number(), assignments: z.array(z.object({ id })) });
export const Dashboard = z.object({
  todayShift: z.object({ id }).nullable(),
  thisWeek: WeekSummary,
  nextWeek: WeekSummary,
  metrics: z.object({ totalShifts: z.number(), completedShifts: z.number() }),
  pendingBids: z.array(z.object({ id, assignmentId: id, assignmentDate: date, routeName: z.string(), warehouseName: z.string() })),
  unconfirmedShifts: z.array(z.object({ id, date, routeName: z.string(), warehouseName: z.string() })),
  isNewDriver: z.boolean(),
  incompleteShift: z.object({ assignmentId: id }).nullable(),
});

const pct = z.number().int().min(0).max(100);
export const DispatchSettings = z.object({
  settings: z.object({ emergencyBonusPercent: pct, rewardMinAttendancePercent: pct, correctiveCompletionThresholdPercent: pct, updatedBy: z.string().nullable(), updatedAt: z.string().nullable() }),
  permissions: z.object({ canEditEmergencyBonusPercent: z.boolean(), canEditDriverHealthSettings: z.boolean() }),
});
export const DispatchSettingsOk = z.object({ settings: DispatchSettings.shape.settings });

// Rows the catalog probe reads (contract §4.1, §4.7)
export const Metrics = z.object({ metrics: z.object({ totalShifts: z.number(), completedShifts: z.number(), attendanceRate: z.number(), completionRate: z.number() }) });
export const DriverShifts = z.object({
  driverName: z.string(),
  shifts: z.array(z.object({ assignmentId: id, date, routeName: z.string(), warehouseName: z.string(), status: z.enum(['completed', 'cancelled']) })),
});
const OnboardingEntry = z.object({ id, organizationId: id, email: z.string(), kind: z.string(), status: z.string(), resolvedStatus: z.string(), createdAt: z.string() });
export const OnboardingList = z.object({ entries: z.array(OnboardingEntry) });
export const WeeklyReports = z.object({
  weeks: z.array(z.object({ weekStart: date, weekEnd: date, weekLabel: z.string().regex(/^WK \d+$/), totalDelivered: z.number(), totalReturned: z.number(), totalExcepted: z.number(), shiftCount: z.number() })),
});
export const WeeklyReport = z.object({
  weekStart: date,
  weekEnd: date,
  shifts: z.array(z.object({ assignmentId: id, date, routeName: z.string(), warehouseName: z.string(), driverName: nullableStr })),
});
// Answers of the catalog's writes (contract §4.2, §4.4–§4.8)
export const Success = z.object({ success: z.literal(true) });
const ShiftDone = z.object({ id, parcelsStart: z.number(), parcelsDelivered: z.number(), parcelsReturned: z.number(), exceptedReturns: z.number(), startedAt: z.string(), completedAt: z.string(), editableUntil: z.string() });
export const ArriveOk = z.object({ success: z.literal(true), arrivedAt: z.string() });
export const StartOk = z.object({ shift: z.object({ id, parcelsStart: z.number(), startedAt: z.string() }), assignmentStatus: z.literal('active') });
export const CompleteOk = z.object({ shift: ShiftDone, assignmentStatus: z.literal('completed') });
export const ShiftEditOk = z.object({ success: z.literal(true), shift: ShiftDone });
export const EmergencyReopenOk = z.object({ success: z.literal(true), bidWindowId: id, notifiedCount: z.number().nullable() });
export const OnboardingEntryOk = z.object({ entry: OnboardingEntry });
export const MarkAllReadOk = z.object({ success: z.literal(true), updatedCount: z.number() });
export const UserOk = z.object({ user: z.object({ id, name: z.string(), email: z.string(), phone: nullableStr.optional(), role: z.string() }) });

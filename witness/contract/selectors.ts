/**
 * The stable selectors, roles and names of the Drive contract (contract §3.2 and §5), written from
 * the contract and nothing else. Page objects (journeys/pages/) may use only what is listed here:
 * the conformance self-test (selftest/conformance/selectors.test.ts) reads every selector, role,
 * name and text they pass to Playwright and checks it against these lists, so a page object that
 * leans on the reference target's markup beyond the contract fails before it ever runs against
 * the real app.
 *
 * Texts may hold placeholders in braces (`{N}`, `{date}`): a placeholder stands for any non-empty
 * text, as the contract's `N` does (`Coming Up (N)`).
 */

/**
 * CSS selectors as the contract writes them. A page object's CSS selector is allowed when each of
 * its simple parts (type, `#id`, `.class`, `[attribute=value]`), after splitting on combinators
 * and commas, is a simple part of one of these, or an attribute of CONTRACT_ATTRIBUTES.
 */
export const CONTRACT_CSS: readonly string[] = [
  // §3.2 /sign-in
  'input[name="email"]',
  'input#email',
  'input[type="email"]',
  'input[name="password"]',
  'input#password',
  'button[type="submit"]',
  '.notice-banner.warning .notice-content',
  // §5 shell
  'nav[aria-label="Main navigation"]',
  'h1#page-title',
  '[role="dialog"][aria-modal="true"]',
  // §5.1 /sign-up and the other auth pages
  '[role="group"][aria-label="Organization mode"]',
  '#organization-name',
  'input[name="organizationName"]',
  '#organization-code',
  'input[name="organizationCode"]',
  '#name',
  '#confirm-password',
  'input[name="confirmPassword"]',
  // §5.2 /dashboard
  '[role="note"][aria-label="Welcome to Drive!"]',
  'section.health-card[data-health-state]',
  '[aria-label="Your Health"]',
  '[role="progressbar"]',
  '#needs-confirmation', // the header's `Needs Confirmation` button targets /dashboard#needs-confirmation
  '#parcels-start',
  '#parcels-returned',
  '#excepted-returns',
  '#exception-notes',
  '#edit-parcels-start',
  '#edit-parcels-returned',
  '#edit-excepted-returns',
  '#edit-exception-notes',
  'section#this-week-shifts',
  // §5.3 /schedule
  '[data-testid="schedule-list"][data-loaded="true"]',
  '[data-testid="schedule-list"][data-loaded="false"]',
  '[data-testid="assignment-row"][data-assignment-id][data-assignment-status]',
  // §5.4 /bids
  'section#available-bids .assignment-list .assignment-item',
  '.premium-badge',
  '.empty-state',
  // §5.5 /history
  '[data-testid="history-list"]',
  '.history-item[data-history-id]',
  // §5.6 /notifications
  '[data-testid="notifications-list"]',
  'article[data-testid="notification-row"][data-notification-id][data-notification-type]',
  'article.unread',
  'article.read',
  'h3.group-label',
  '[role="button"]',
  // §5.7 /settings
  '#settings-name',
  '#settings-email',
  '#settings-phone',
  'select#ui-language',
  '#settings-current-password',
  '#settings-new-password',
  '#settings-confirm-password',
  '#manager-dispatch-section',
  'input#settings-dispatch-urgent-bonus',
  'input[name="settings-dispatch-urgent-bonus"]',
  '#manager-health-policy-section',
  '#settings-health-attendance-threshold',
  '#settings-health-completion-threshold',
  // §5.8 /routes: a real <table>, so its standard parts
  '[role="tablist"] [role="tab"]',
  'table thead tr th',
  'table tbody tr td',
  'button[role="switch"][aria-checked]',
  '#route-warehouse-filter',
  '#route-status-filter',
  '#route-progress-filter',
  '#route-date-filter',
  '#create-name',
  '#create-start-time',
  '#create-warehouse',
  // §5.9 /drivers
  '[role="button"][aria-label="Close tab"]',
  '#drivers-name-filter',
  '#drivers-email-filter',
  // §5.10 /warehouses
  '#create-address',
  '#warehouse-edit-name',
  '#warehouse-edit-address',
  '#warehouse-name-filter',
  // §5.11 other manager pages
  '#create-email',
  'input[name="email"]',
  '#newPassword',
  'input[name="newPassword"]',
  '#confirmPassword',
  'input[name="confirmPassword"]',
];

/**
 * Attributes the contract names, with the values it allows: `any` for those that carry data (ids,
 * statuses, types). These may be read (`getAttribute`, `toHaveAttribute`), tested for presence
 * (`[data-history-id]`) or matched with a value from their list.
 */
export const CONTRACT_ATTRIBUTES: Readonly<Record<string, readonly string[] | 'any'>> = {
  'data-loaded': ['true', 'false'],
  'data-testid': ['schedule-list', 'assignment-row', 'history-list', 'notifications-list', 'notification-row'],
  'data-assignment-id': 'any',
  'data-assignment-status': ['scheduled', 'active', 'completed', 'cancelled', 'unfilled'],
  'data-notification-id': 'any',
  'data-notification-type': 'any',
  'data-history-id': 'any',
  'data-health-state': ['onboarding', 'hard_stop', 'corrective', 'healthy', 'milestone'],
  'aria-checked': ['true', 'false'],
  'aria-label': 'any', // values are checked as labels, through CONTRACT_LABELS, by getByLabel
  'aria-modal': ['true'],
};

/** Names on the sidebar (§5 shell), reachable as links or buttons. */
const SIDEBAR = ['Dashboard', 'Schedule', 'Open Shifts', 'History', 'Drivers', 'Routes', 'Warehouses', 'Whitelist', 'Reports', 'Settings', 'Log out'];

/**
 * Accessible roles and, per role, the names the contract gives them. A role listed with no names
 * may be used without a name only (the suspend switch has no accessible name).
 */
export const CONTRACT_ROLES: Readonly<Record<string, readonly string[]>> = {
  button: [
    // §3.2, §5.1
    'Continue', 'Show password', 'Hide password', 'Sign in with Passkey', 'Create account', 'Create Organization', 'Join Organization',
    'Send Reset Link', 'Reset Password',
    // §5 shell (icon buttons expose their tooltip as aria-label)
    'Notifications', 'Notifications ({N} Unread)', 'Needs Confirmation', 'Needs Confirmation ({N})', 'Available Shifts', 'Available Shifts ({N})',
    'Unfilled', 'Unfilled ({N})', ...SIDEBAR,
    // §5.2, §5.3
    'Close', "I'm On Site", 'Submit', 'Finish Shift', 'Complete Shift', 'Cancel', 'Confirm cancellation', 'Save', 'Confirm', 'View all bids',
    // §5.4, §5.5, §5.6, §5.7
    'Place Bid', 'Accept Shift', 'Load more', 'Mark all as read', 'Update password',
    // §5.8
    'Filter', 'Add Route', 'Reset column sizes', 'Today', 'Edit', 'Delete', 'Open Bidding', 'Open Urgent Bidding', 'Assign Driver',
    'Manually Reassign Driver', 'Clear all', 'Create', 'Manual Assign', 'Close Window Now', 'Close Window',
    // §5.9, §5.10, §5.11
    'Close tab', 'Reinstate', 'Remove Flag', 'View', 'Add Warehouse', 'Approve Email', 'Revoke', 'Restore', 'View Details',
  ],
  link: [...SIDEBAR, 'Forgot password?', 'Create account', 'Download app', 'View all bids'],
  navigation: ['Main navigation'],
  tablist: [],
  tab: ['Routes', 'Unfilled', 'Unfilled ({N})', 'Bid Windows', 'Drivers'],
  switch: [],
  dialog: [
    'Complete Shift', 'Parcel Inventory', 'Cancel assignment', 'Open Bidding?', 'Open Urgent Bidding?', 'Assign Driver', 'Filters', 'Create Route',
    'Delete Route', 'Manual Assign', 'Close Bid Window', 'Reinstate Driver', 'Unflag Driver', 'Create Warehouse', 'Delete Warehouse',
    'Approve Email', 'Revoke Approval', 'Restore Entry', 'Assignment Details', 'Bid Window Details', 'Driver Details',
  ],
  heading: [
    'Dashboard', 'Open Shifts', 'Available Shifts', 'My Bids', 'Your Health', "Today's Shift", 'Coming Up ({N})', 'This Week', 'Next Week',
    'Pending Bids', 'Today', 'Yesterday', 'Earlier', 'Unread ({N})', 'Assignment Details', 'Bid Window Details', 'Driver Details', ...SIDEBAR,
  ],
  region: ['Your Health'],
  note: ['Welcome to Drive!'],
  group: ['Organization mode'],
  progressbar: [],
  img: ['{N} of 4 stars'],
  textbox: ['Email', 'Password'],
  table: [],
  rowgroup: [],
  row: [],
  cell: [],
  columnheader: [
    // §5.8 routes, §5.9 drivers, §5.10 warehouses, §5.11 whitelist and weekly reports
    'Name', 'Warehouse', 'Start', 'Driver', 'Status', 'Email', 'Phone', 'Health', 'Attendance', 'Completion', 'Avg Parcels Delivered',
    'Weekly Cap', 'Address', 'Routes', 'Drivers (7d)', 'Unfilled (7d)', 'Open Windows', 'Managers', 'Approved By', 'Approved At', 'Revoked By',
    'Week', 'Start Date', 'End Date', 'Shifts', 'Total Delivered', 'Total Returned', 'Total Excepted', 'Actions',
  ],
  article: [],
  combobox: [],
  option: ['{N} days/week'],
};

/** aria-labels the contract names (getByLabel also accepts every accessible name above). */
export const CONTRACT_LABELS: readonly string[] = [
  'Email', 'Password', 'Show password', 'Hide password', 'Main navigation', 'Notifications', 'Notifications ({N} Unread)', 'Welcome to Drive!',
  'Your Health', '{N} of 4 stars', 'Organization mode', 'Close tab',
];

/** Placeholders of the sign-in inputs (§3.2). */
export const CONTRACT_PLACEHOLDERS: readonly string[] = ['you@company.com', 'Enter your password'];

/**
 * Visible texts the contract quotes: toasts, banners, empty states, chips and counters (getByText
 * also accepts every accessible name above, since a button's name is its text).
 */
export const CONTRACT_TEXTS: readonly string[] = [
  // toasts (§5, §5.4, §5.8)
  'Route assigned!', 'Route assigned! +{N}% bonus', 'Route suspended.', 'Route resumed.', 'Bid submitted successfully.',
  // §3.2 sign-in banner
  'Invalid email or password', 'Too many requests. Please try again later.', 'or',
  // §5.2 /dashboard
  'No shift today', 'Action Required', 'Delivering {N} parcels', 'Editable for {N} more minutes', 'Contact manager to edit',
  '{N} days scheduled', 'No shifts scheduled', 'No pending bids',
  // §5.2, §5.3 confirmation and status chips
  'Confirmed', 'Opens in {N} days', 'Confirm by {date}', 'Unconfirmed', 'Cancelled', 'Unfilled', 'No assignments yet', 'Active',
  // §5.4 /bids
  'First to accept gets it', 'Closes in {time}', '{N}%', 'No shifts available', 'Pending', 'Won', 'Lost', 'Submitted {time}', 'No bids yet',
  // §5.5 /history
  '{N} delivered', '{N} returned', '{N} excepted', 'No past shifts',
  // §5.6 /notifications
  "You're all caught up",
  // §5.8 route status and shift progress chips
  'Assigned', 'Bidding', 'Suspended', 'Arrived', 'In Progress', 'Completed', 'No Show',
  // §5.9 health chips
  'Flagged', 'At Risk', 'Watch', 'Healthy', 'High Performer',
  // §5.11 whitelist statuses, reset-password result
  'Reserved', 'Onboarded', 'Revoked', 'Expired', 'Password has been reset successfully for {email}.',
];

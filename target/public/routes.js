// /routes: today's routes (browser-local date), unfilled routes and bid windows, with a detail panel.
import { api, chip, confirmDialog, dataTable, el, emptyState, filterDrawer, formatDate, formatDateTime, listPicker, localToday, textField, toast } from './common.js';

const host = document.getElementById('routes-table-host');
const panel = document.getElementById('detail-panel');
const badge = document.getElementById('unfilled-badge');
const tabs = [...document.querySelectorAll('[role="tab"]')];
let date = localToday();
document.getElementById('routes-date').textContent = formatDate(date);

// The filter drawer's date (contract §5.8 `#route-date-filter`, YYYY-MM-DD or MM/DD/YYYY): the table shows that day.
function parseYmd(text) {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  return m ? `${m[3]}-${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}` : null;
}
function openFilters() {
  filterDrawer([{ id: 'route-date-filter', label: 'Date', value: date, placeholder: 'Select date', cleared: localToday() }], (v) => {
    const d = parseYmd(v['route-date-filter']) || localToday();
    if (d === date) return;
    date = d;
    document.getElementById('routes-date').textContent = formatDate(date);
    document.getElementById('routes-date-chip').textContent = d === localToday() ? 'Today' : formatDate(d);
    routes = [];
    selectedId = null;
    loadRoutes();
  });
}
document.getElementById('routes-filter').addEventListener('click', openFilters);

const PROGRESS = {
  unconfirmed: 'Unconfirmed', confirmed: 'Confirmed', arrived: 'Arrived', started: 'In Progress',
  completed: 'Completed', no_show: 'No Show', cancelled: 'Cancelled',
};
const STATUS = { assigned: 'Assigned', unfilled: 'Unfilled', bidding: 'Bidding', suspended: 'Suspended' };

let tab = new URLSearchParams(location.search).get('tab') === 'unfilled' ? 'unfilled' : 'routes';
let routes = [];
let selectedId = null;

function statusChip(r) {
  const label = r.status === 'assigned' && r.shiftProgress ? PROGRESS[r.shiftProgress] : STATUS[r.status];
  return chip(label, `status-${r.status}`);
}

const table = dataTable;

const ROUTE_HEADERS = ['Name', 'Warehouse', 'Start', 'Driver', 'Status'];

/** While loading, placeholder rows in a busy table (as the app renders them). */
const loadingTable = (headers) => dataTable(headers, [], true);

/** The time left on a bidding route's window: '45m left', '3h left', '2d left', 'Closed'. */
function closesLabel(isoText) {
  const mins = Math.round((new Date(isoText).getTime() - Date.now()) / 60000);
  if (mins < 0) return 'Closed';
  if (mins < 60) return `${mins}m left`;
  const hours = Math.round(mins / 60);
  if (hours < 24) return `${hours}h left`;
  return `${Math.round(hours / 24)}d left`;
}

/** The Driver cell: the driver of an assigned route, else what stands in for one. */
function driverCell(r) {
  if (r.status === 'assigned' && r.driverName) return r.driverName;
  if (r.status === 'suspended') return 'Suspended';
  if (r.status === 'bidding' && r.bidWindowClosesAt) return closesLabel(r.bidWindowClosesAt);
  return 'Unassigned';
}

function renderRoutes() {
  const list = tab === 'unfilled' ? routes.filter((r) => r.status === 'unfilled' || r.status === 'bidding') : routes;
  if (!list.length) {
    // As the app: the loaded table with one row holding the empty state.
    const empty = tab === 'unfilled' ? emptyState('No unfilled routes') : emptyState('No routes yet', 'Add your first route to get started.');
    host.replaceChildren(table(ROUTE_HEADERS, [el('tr', { class: 'empty-row' }, el('td', { colspan: String(ROUTE_HEADERS.length) }, empty))]));
    return;
  }
  host.replaceChildren(
    table(
      ROUTE_HEADERS,
      list.map((r) =>
        el(
          'tr',
          { class: r.id === selectedId ? 'selected' : '', onclick: () => select(r.id) },
          el('td', {}, r.name),
          el('td', {}, r.warehouseName),
          el('td', {}, r.startTime),
          el('td', {}, driverCell(r)),
          el('td', {}, statusChip(r)),
        ),
      ),
    ),
  );
}

async function loadRoutes() {
  if (!routes.length && tab !== 'bid-windows') host.replaceChildren(loadingTable(ROUTE_HEADERS));
  const res = await api(`/api/routes?date=${encodeURIComponent(date)}`);
  if (!res.ok) {
    host.replaceChildren(el('p', { class: 'error-text' }, (res.data && res.data.message) || 'Could not load routes.'));
    return;
  }
  routes = res.data.routes;
  badge.textContent = String(routes.filter((r) => r.status === 'unfilled' || r.status === 'bidding').length);
  if (tab !== 'bid-windows') renderRoutes();
  if (selectedId) renderDetail(routes.find((r) => r.id === selectedId));
}

async function override(r, body) {
  const res = await api(`/api/assignments/${r.assignmentId}/override`, { method: 'POST', json: body });
  return res;
}

async function toggleSuspend(r, sw) {
  sw.disabled = true;
  const suspend = r.status !== 'suspended';
  const res = await override(r, { action: suspend ? 'suspend_route' : 'resume_route' });
  if (res.ok) toast(suspend ? 'Route suspended.' : 'Route resumed.');
  else toast((res.data && res.data.message) || 'Could not update the route.', 'error');
  await loadRoutes();
}

async function openBidding(r, urgent) {
  const name = urgent ? 'Open Urgent Bidding' : 'Open Bidding';
  const ok = await confirmDialog({
    title: `${name}?`,
    text: urgent ? 'The route is offered to every eligible driver; the first to accept gets it.' : 'Eligible drivers can bid on this route.',
    confirmLabel: name,
  });
  if (!ok) return;
  const res = await override(r, { action: urgent ? 'open_urgent_bidding' : 'open_bidding' });
  if (res.ok) toast(urgent ? 'Urgent bidding opened.' : 'Bidding opened.');
  else toast((res.data && res.data.message) || 'Could not open bidding.', 'error');
  await loadRoutes();
}


/**
 * The Assign Driver modal's picker: `#route-assign-driver`, one option per driver by name. The
 * reference offers the drivers a manual assign of that assignment allows (GET /api/drivers?assignableFor=…).
 */
function driverPicker(drivers) {
  return listPicker({ id: 'route-assign-driver', placeholder: 'Select a driver', items: drivers.map((d) => ({ value: d.id, label: d.name })) });
}

async function assignDriver(r) {
  const drivers = await api(`/api/drivers?assignableFor=${encodeURIComponent(r.assignmentId)}`);
  if (!drivers.ok) return toast('Failed to load drivers.', 'error');
  const titleId = 'assign-title';
  const picker = driverPicker(drivers.data.drivers);
  const backdrop = el('div', { class: 'modal-backdrop' });
  const close = () => backdrop.remove();
  const submit = async () => {
    const driverId = picker.value();
    if (!driverId) return picker.error('Select a driver to assign.');
    const res =
      r.assignmentStatus === 'unfilled'
        ? await api(`/api/assignments/${r.assignmentId}/assign`, { method: 'POST', json: { userId: driverId } })
        : await override(r, { action: 'reassign', driverId });
    if (res.ok) {
      toast('Driver assigned.');
      close();
      await loadRoutes();
    } else {
      picker.error((res.data && res.data.message) || 'Failed to assign driver.');
    }
  };
  const title = r.driverName ? 'Manually Reassign Driver' : 'Assign Driver';
  backdrop.append(
    el(
      'div',
      { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
      el('h2', { id: titleId, class: 'modal-title' }, title),
      el('p', { class: 'modal-text' }, 'Assign a driver to this route. This will close the bid window.'),
      el('label', { for: 'route-assign-driver', class: 'field-label' }, 'Driver'),
      picker.node,
      el(
        'div',
        { class: 'modal-actions' },
        el('button', { type: 'button', class: 'button', onclick: close }, 'Cancel'),
        el('button', { type: 'button', class: 'button primary', onclick: submit }, 'Assign Driver'),
      ),
    ),
  );
  document.body.append(backdrop);
}


const START_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The toolbar's `Add Route` → modal `Create Route` (name, start time, warehouse) → POST /api/routes
 * {name, warehouseId, startTime}. Its warehouses are the manager's (GET /api/warehouses).
 */
async function openCreateRoute() {
  const res = await api('/api/warehouses');
  if (!res.ok) return toast('Failed to load warehouses.', 'error');
  const titleId = 'create-route-title';
  const name = textField('create-name', 'Route name', { placeholder: 'e.g. North Loop', autocomplete: 'off' });
  const start = textField('create-start-time', 'Start time', { placeholder: 'e.g. 09:00', value: '09:00', autocomplete: 'off' });
  const picker = listPicker({ id: 'create-warehouse', placeholder: 'Select a warehouse', items: res.data.warehouses.map((w) => ({ value: w.id, label: w.name })) });
  const backdrop = el('div', { class: 'modal-backdrop' });
  const close = () => backdrop.remove();
  const submit = async (e) => {
    e.preventDefault();
    const body = { name: name.input.value, warehouseId: picker.value(), startTime: start.input.value.trim() };
    const nameError = !body.name.trim() ? 'Name is required' : body.name.trim().length > 100 ? 'Name too long' : '';
    const startError = START_TIME.test(body.startTime) ? '' : 'Must be HH:MM format (e.g., 07:00)';
    const warehouseError = body.warehouseId ? '' : 'Warehouse is required';
    name.setError(nameError);
    start.setError(startError);
    picker.error(warehouseError);
    if (nameError || startError || warehouseError) return;
    // As the app: the modal closes at once; the answer decides the toast.
    close();
    const created = await api('/api/routes', { method: 'POST', json: body });
    if (created.ok) {
      toast('Route created successfully.');
      await loadRoutes();
    } else {
      toast(created.status === 409 ? 'Route name must be unique within a warehouse.' : 'Failed to create route.', 'error');
    }
  };
  const form = el(
    'form',
    { class: 'modal-form' },
    ...name.nodes,
    ...start.nodes,
    el('label', { for: 'create-warehouse', class: 'field-label' }, 'Warehouse'),
    picker.node,
    el(
      'div',
      { class: 'modal-actions' },
      el('button', { type: 'button', class: 'button', onclick: close }, 'Cancel'),
      el('button', { type: 'submit', class: 'button primary' }, 'Create'),
    ),
  );
  form.addEventListener('submit', submit);
  backdrop.append(
    el(
      'div',
      { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
      el('h2', { id: titleId, class: 'modal-title' }, 'Create Route'),
      form,
    ),
  );
  document.body.append(backdrop);
  name.input.focus();
}
document.getElementById('routes-add').addEventListener('click', openCreateRoute);

function renderDetail(r) {
  if (!r) {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  const rows = [
    ['Route', r.name],
    ['Warehouse', r.warehouseName],
    ['Start time', r.startTime],
    ['Date', formatDate(date)],
    ['Status', statusChip(r)],
    ...(r.status === 'assigned' && r.driverName ? [['Driver', r.driverName]] : []),
    ...(r.bidWindowClosesAt ? [['Bid Window', `Closes ${formatDateTime(r.bidWindowClosesAt)}`]] : []),
    ...(r.confirmedAt ? [['Confirmed At', formatDateTime(r.confirmedAt)]] : []),
  ];
  const dl = el('dl', { class: 'detail-rows' }, rows.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  const footer = el('div', { class: 'modal-actions detail-actions' });
  if (r.assignmentId) {
    const sw = el('button', {
      type: 'button',
      role: 'switch',
      class: 'switch',
      'aria-checked': r.status === 'suspended' ? 'true' : 'false',
      disabled: r.assignmentStatus === 'active' || r.assignmentStatus === 'completed' ? true : undefined,
    });
    sw.addEventListener('click', () => toggleSuspend(r, sw));
    dl.append(el('dt', {}, 'Suspended'), el('dd', { class: 'switch-cell' }, el('span', { class: 'muted' }, r.status === 'suspended' ? 'On' : 'Off'), sw));
    if (r.assignmentStatus === 'unfilled' && r.status !== 'bidding' && !r.isShiftStarted) {
      footer.append(el('button', { type: 'button', class: 'button', onclick: () => openBidding(r, false) }, 'Open Bidding'));
    } else if (r.assignmentStatus === 'scheduled' || r.status === 'bidding' || (r.isShiftStarted && r.assignmentStatus === 'unfilled')) {
      footer.append(el('button', { type: 'button', class: 'button', onclick: () => openBidding(r, true) }, 'Open Urgent Bidding'));
    }
    if (r.assignmentStatus === 'unfilled' || r.assignmentStatus === 'scheduled') {
      footer.append(
        el('button', { type: 'button', class: 'button primary', onclick: () => assignDriver(r) }, r.assignmentStatus === 'scheduled' && r.driverName ? 'Manually Reassign Driver' : 'Assign Driver'),
      );
    }
  }
  panel.replaceChildren(
    el('h2', {}, 'Assignment Details', el('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close', title: 'Close', onclick: () => select(null) }, el('span', { 'aria-hidden': 'true' }, '✕'))),
    dl,
    ...[footer.childElementCount ? footer : null, r.assignmentId ? null : el('p', { class: 'muted' }, 'No assignment for this date.')].filter(Boolean),
  );
}

function select(id) {
  selectedId = id;
  renderRoutes();
  renderDetail(routes.find((r) => r.id === id));
}

async function loadWindows() {
  host.replaceChildren(loadingTable(['Route', 'Warehouse', 'Date', 'Closes', 'Bids', 'Status', 'Winner']));
  const res = await api('/api/bid-windows');
  if (!res.ok) {
    host.replaceChildren(el('p', { class: 'error-text' }, (res.data && res.data.message) || 'Could not load bid windows.'));
    return;
  }
  const list = res.data.bidWindows;
  if (!list.length) return host.replaceChildren(el('p', { class: 'empty-state' }, 'No bid windows'));
  host.replaceChildren(
    table(
      ['Route', 'Warehouse', 'Date', 'Closes', 'Bids', 'Status', 'Winner'],
      list.map((w) =>
        el(
          'tr',
          {},
          el('td', {}, w.routeName),
          el('td', {}, w.warehouseName),
          el('td', {}, formatDate(w.assignmentDate)),
          el('td', {}, formatDateTime(w.closesAt)),
          el('td', {}, String(w.bidCount)),
          el('td', {}, chip(w.status === 'open' ? 'Open' : 'Resolved', w.status === 'open' ? 'status-bidding' : 'status-assigned')),
          el('td', {}, w.winnerName || '—'),
        ),
      ),
    ),
  );
}

function setTab(next) {
  tab = next;
  for (const t of tabs) t.setAttribute('aria-selected', String(t.dataset.tab === next));
  if (next === 'bid-windows') {
    panel.hidden = true;
    loadWindows();
  } else {
    renderRoutes();
    if (selectedId) renderDetail(routes.find((r) => r.id === selectedId));
  }
}

for (const t of tabs) t.addEventListener('click', () => setTab(t.dataset.tab));
setTab(tab);
loadRoutes();

// /drivers: the organization's drivers (GET /api/drivers), a detail panel, and the weekly cap edit
// (PATCH /api/drivers/{id} {weeklyCap}).
import { api, dataTable, el, emptyState, filterDrawer, listPicker, toast } from './common.js';

const host = document.getElementById('drivers-table-host');
const panel = document.getElementById('detail-panel');

const HEADERS = ['Name', 'Email', 'Phone', 'Health', 'Attendance', 'Completion', 'Avg Parcels Delivered', 'Weekly Cap'];
const HEALTH = { flagged: 'Flagged', at_risk: 'At Risk', watch: 'Watch', healthy: 'Healthy', high_performer: 'High Performer' };
const CAPS = [1, 2, 3, 4, 5, 6];

let drivers = [];
let loaded = false;
let selectedId = null;
let filters = { name: '', email: '' };
/** The open panel's edit state: null, or { cap } with the value being chosen. */
let editing = null;
let saving = false;

const percent = (rate) => `${Math.round((Number(rate) || 0) * 100)}%`;
const parcels = (n) => String(Math.round((Number(n) || 0) * 10) / 10);
const capLabel = (n) => `${n} days/week`;

const table = (rows) => dataTable(HEADERS, rows);

const loadingTable = () => dataTable(HEADERS, [], true);

function visible() {
  const name = filters.name.trim().toLowerCase();
  const email = filters.email.trim().toLowerCase();
  return drivers.filter((d) => (!name || d.name.toLowerCase().includes(name)) && (!email || String(d.email).toLowerCase().includes(email)));
}

function render() {
  const list = visible();
  if (!list.length) {
    const filtered = filters.name.trim() || filters.email.trim();
    const empty = filtered ? emptyState('No drivers found') : emptyState('No drivers yet', 'Drivers appear here once they join your organization.');
    host.replaceChildren(table([el('tr', { class: 'empty-row' }, el('td', { colspan: String(HEADERS.length), class: 'state-cell' }, empty))]));
    return;
  }
  host.replaceChildren(
    table(
      list.map((d) =>
        el(
          'tr',
          { class: d.id === selectedId ? 'selected' : '', onclick: () => select(d.id) },
          el('td', {}, d.name),
          el('td', {}, d.email),
          el('td', {}, d.phone || 'Not provided'),
          // As the app: the rounded score (no health chip in the table), or a dash.
          el('td', {}, d.healthScore === null || d.healthScore === undefined ? '—' : String(Math.round(Number(d.healthScore)))),
          el('td', {}, percent(d.attendanceRate)),
          el('td', {}, percent(d.completionRate)),
          el('td', {}, parcels(d.avgParcelsDelivered)),
          el('td', {}, String(d.weeklyCap)),
        ),
      ),
    ),
  );
}

/**
 * The weekly cap select of edit mode, as the app's `Select` with no id, name or aria-label: a button
 * named by its selected label (`4 days/week`) that opens a listbox of `1 days/week` … `6 days/week`.
 */
// The Weekly Cap select has no id or label of its own: its name is the selected `N days/week`.
const capSelect = (value, onChange) => listPicker({ placeholder: capLabel(value), items: CAPS.map((n) => ({ value: n, label: capLabel(n) })), selected: value, onChange }).node;

function healthIndicator(d) {
  const state = d.healthState in HEALTH ? d.healthState : 'healthy';
  return el('span', { class: `health-indicator health-${state}` }, el('span', { class: 'health-dot', 'aria-hidden': 'true' }), el('span', { class: 'health-indicator-label' }, HEALTH[state]));
}

function renderDetail(d) {
  if (!d) {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  const footer = el('div', { class: 'modal-actions detail-actions' });
  let capCell;
  if (editing) {
    const save = el('button', { type: 'button', class: 'button primary', disabled: editing.cap === d.weeklyCap || saving, onclick: () => saveCap(d) }, 'Save');
    capCell = capSelect(editing.cap, (n) => {
      editing.cap = n;
      save.disabled = n === d.weeklyCap || saving;
    });
    footer.append(el('button', { type: 'button', class: 'button', disabled: saving, onclick: () => ((editing = null), renderDetail(d)) }, 'Cancel'), save);
  } else {
    capCell = capLabel(d.weeklyCap);
    footer.append(el('button', { type: 'button', class: 'button', onclick: () => ((editing = { cap: d.weeklyCap }), renderDetail(d)) }, 'Edit'));
  }
  const rows = [
    ['Name', d.name],
    ['Email', d.email],
    ['Phone', d.phone || 'Not provided'],
    ['Total Shifts', String(d.totalShifts ?? 0)],
    ['Completed Shifts', String(d.completedShifts ?? 0)],
    ['Attendance Rate', percent(d.attendanceRate)],
    ['Completion Rate', percent(d.completionRate)],
    ['Avg Parcels', parcels(d.avgParcelsDelivered)],
    ['Weekly Cap', capCell],
    ['Health', healthIndicator(d)],
    ...(d.createdAt ? [['Member Since', new Date(d.createdAt).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric' })]] : []),
  ];
  panel.replaceChildren(
    el('h2', { id: 'detail-panel-title' }, 'Driver Details', el('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close', title: 'Close', onclick: () => select(null) }, el('span', { 'aria-hidden': 'true' }, '✕'))),
    el('dl', { class: 'detail-rows' }, rows.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
    footer,
  );
}

async function saveCap(d) {
  if (!editing || saving) return;
  const weeklyCap = editing.cap;
  saving = true;
  renderDetail(d);
  const res = await api(`/api/drivers/${encodeURIComponent(d.id)}`, { method: 'PATCH', json: { weeklyCap } });
  saving = false;
  editing = null;
  if (res.ok && res.data && res.data.driver) {
    // In place, as the app's store does: no reload of the list.
    const { role: _role, ...fields } = res.data.driver;
    drivers = drivers.map((x) => (x.id === d.id ? { ...x, ...fields } : x));
    toast('Driver updated successfully.');
  } else {
    toast('Failed to update driver.', 'error');
  }
  render();
  if (selectedId) renderDetail(drivers.find((x) => x.id === selectedId));
}

function select(id) {
  if (saving) return;
  if (id !== selectedId) editing = null;
  selectedId = id;
  render();
  renderDetail(drivers.find((d) => d.id === id));
}

async function load() {
  host.replaceChildren(loadingTable());
  const res = await api('/api/drivers');
  if (!res.ok) {
    toast('Failed to load drivers.', 'error');
    host.replaceChildren(el('p', { class: 'error-text' }, (res.data && res.data.message) || 'Could not load drivers.'));
    return;
  }
  drivers = res.data.drivers;
  loaded = true;
  render();
}

// ── Filter drawer (`#drivers-name-filter`, `#drivers-email-filter`); `Reset filters` clears them ──
function setFilters(next) {
  filters = next;
  if (loaded) render();
}

function openFilters() {
  filterDrawer(
    [
      { id: 'drivers-name-filter', label: 'Name', value: filters.name, placeholder: 'Filter by name' },
      { id: 'drivers-email-filter', label: 'Email', value: filters.email, placeholder: 'Filter by email' },
    ],
    (v) => setFilters({ name: v['drivers-name-filter'], email: v['drivers-email-filter'] }),
  );
}

document.getElementById('drivers-filter').addEventListener('click', openFilters);
document.getElementById('drivers-reset').addEventListener('click', () => setFilters({ name: '', email: '' }));
load();

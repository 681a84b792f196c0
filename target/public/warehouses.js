// /warehouses: the manager's warehouses (GET /api/warehouses), a detail panel, and Create Warehouse.
import { api, dataTable, el, emptyState, filterDrawer, formatDateTime, textField, toast } from './common.js';

const host = document.getElementById('warehouses-table-host');
const panel = document.getElementById('detail-panel');

const HEADERS = ['Name', 'Address', 'Routes', 'Drivers (7d)', 'Unfilled (7d)', 'Open Windows', 'Managers'];

let warehouses = [];
let loaded = false;
let selectedId = null;
let nameFilter = '';

const table = (rows) => dataTable(HEADERS, rows);

const loadingTable = () => dataTable(HEADERS, [], true);

/** A 7-day count with its signed change against the week before (`+1`, `0`, `-1`) and a trend mark. */
function trendCell(value, delta) {
  const d = Number(delta) || 0;
  const kind = d > 0 ? 'up' : d < 0 ? 'down' : 'flat';
  return [el('span', { class: 'metric-value' }, String(value)), ' ', el('span', { class: `delta trend-${kind}` }, d > 0 ? `+${d}` : String(d))];
}

function visible() {
  const f = nameFilter.trim().toLowerCase();
  return f ? warehouses.filter((w) => w.name.toLowerCase().includes(f)) : warehouses;
}

function render() {
  const list = visible();
  if (!list.length) {
    const empty = nameFilter.trim() ? emptyState('No warehouses found') : emptyState('No warehouses yet', 'Add your first warehouse to get started.');
    host.replaceChildren(table([el('tr', { class: 'empty-row' }, el('td', { colspan: String(HEADERS.length), class: 'state-cell' }, empty))]));
    return;
  }
  host.replaceChildren(
    table(
      list.map((w) =>
        el(
          'tr',
          { class: w.id === selectedId ? 'selected' : '', onclick: () => select(w.id) },
          el('td', {}, w.name),
          el('td', {}, w.address),
          el('td', {}, String(w.routeCount)),
          el('td', {}, trendCell(w.assignedDriversNext7, w.assignedDriversDelta7)),
          el('td', {}, trendCell(w.unfilledRoutesNext7, w.unfilledRoutesDelta7)),
          el('td', {}, String(w.openBidWindows)),
          el('td', {}, String(w.managerCount)),
        ),
      ),
    ),
  );
}

function renderDetail(w) {
  if (!w) {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  const rows = [
    ['Name', w.name],
    ['Address', w.address],
    ['Routes', String(w.routeCount)],
    ['Drivers (7d)', trendCell(w.assignedDriversNext7, w.assignedDriversDelta7)],
    ['Unfilled (7d)', trendCell(w.unfilledRoutesNext7, w.unfilledRoutesDelta7)],
    ['Open Windows', String(w.openBidWindows)],
    ['Managers', String(w.managerCount)],
    ...(w.createdAt ? [['Created', formatDateTime(w.createdAt)]] : []),
  ];
  panel.replaceChildren(
    // As the app: the warehouse panel's title is the page's name, not a "details" title.
    el('h2', { id: 'detail-panel-title' }, 'Warehouses', el('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close', title: 'Close', onclick: () => select(null) }, el('span', { 'aria-hidden': 'true' }, '✕'))),
    el('dl', { class: 'detail-rows' }, rows.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
  );
}

function select(id) {
  selectedId = id;
  render();
  renderDetail(warehouses.find((w) => w.id === id));
}

async function load() {
  host.replaceChildren(loadingTable());
  const res = await api('/api/warehouses');
  if (!res.ok) {
    toast('Failed to load warehouses.', 'error');
    host.replaceChildren(el('p', { class: 'error-text' }, (res.data && res.data.message) || 'Could not load warehouses.'));
    return;
  }
  warehouses = res.data.warehouses;
  loaded = true;
  render();
}

// ── Filter drawer (`#warehouse-name-filter`); `Reset column sizes` clears it, as the app does ──
function setFilter(value) {
  nameFilter = value;
  if (loaded) render();
}

function openFilters() {
  filterDrawer([{ id: 'warehouse-name-filter', label: 'Name', value: nameFilter, placeholder: 'Filter by name' }], (v) => setFilter(v['warehouse-name-filter']));
}

// ── Create Warehouse ─────────────────────────────────────────────────────────────────────────

function openCreate() {
  const titleId = 'create-warehouse-title';
  const name = textField('create-name', 'Warehouse name', { placeholder: 'e.g. Downtown Hub', autocomplete: 'off' });
  const address = textField('create-address', 'Address', { placeholder: 'e.g. 123 Main St, Toronto, ON', autocomplete: 'off' });
  const backdrop = el('div', { class: 'modal-backdrop' });
  const close = () => backdrop.remove();
  const form = el(
    'form',
    { class: 'modal-form' },
    ...name.nodes,
    ...address.nodes,
    el(
      'div',
      { class: 'modal-actions' },
      el('button', { type: 'button', class: 'button', onclick: close }, 'Cancel'),
      el('button', { type: 'submit', class: 'button primary' }, 'Create'),
    ),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { name: name.input.value.trim(), address: address.input.value.trim() };
    const nameError = !body.name ? 'Name is required' : body.name.length > 100 ? 'Name too long' : '';
    const addressError = !body.address ? 'Address is required' : body.address.length > 500 ? 'Address too long' : '';
    name.setError(nameError);
    address.setError(addressError);
    if (nameError || addressError) return;
    // As the app: the modal closes at once; the created row is appended at the end (no reload).
    close();
    const res = await api('/api/warehouses', { method: 'POST', json: body });
    if (res.ok && res.data && res.data.warehouse) {
      warehouses = [...warehouses, res.data.warehouse];
      if (loaded) render();
      toast('Warehouse created successfully.');
    } else {
      toast('Failed to create warehouse.', 'error');
    }
  });
  backdrop.append(
    el(
      'div',
      { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
      el('h2', { id: titleId, class: 'modal-title' }, 'Create Warehouse'),
      form,
    ),
  );
  document.body.append(backdrop);
  name.input.focus();
}

document.getElementById('warehouses-filter').addEventListener('click', openFilters);
document.getElementById('warehouses-add').addEventListener('click', openCreate);
document.getElementById('warehouses-reset').addEventListener('click', () => setFilter(''));
load();

import type { z } from 'zod';
import { test } from '../../witness/test.js';
import { foreignMarks } from '../../witness/checks/api.js';
import * as Contract from '../../witness/contract/responses.js';
import { ENDPOINTS, type Endpoint } from '../../witness/contract/endpoints.js';
import { weekStart } from '../../witness/time.js';
import { CatalogProbe } from './catalog.js';

/** The shape each read of the catalog answers with (contract §4); a read missing here fails the journey. */
const SHAPES: Record<string, z.ZodTypeAny> = {
  '/api/assignments/mine': Contract.AssignmentsMine,
  '/api/dashboard': Contract.Dashboard,
  '/api/metrics': Contract.Metrics,
  '/api/history': Contract.HistoryList,
  '/api/driver-health': Contract.HealthResponse,
  '/api/preferences': Contract.PreferencesOk,
  '/api/preferences/routes': Contract.PreferenceRoutes,
  '/api/bids/available': Contract.BidsAvailable,
  '/api/bids/mine': Contract.BidsMine,
  '/api/bid-windows': Contract.BidWindows,
  '/api/routes': Contract.RoutesList,
  '/api/warehouses': Contract.WarehousesList,
  '/api/warehouses/{id}': Contract.WarehouseOk,
  '/api/warehouses/{id}/managers': Contract.WarehouseManagers,
  '/api/drivers': Contract.DriversList,
  '/api/drivers/{id}/health': Contract.HealthResponse,
  '/api/drivers/{id}/shifts': Contract.DriverShifts,
  '/api/onboarding': Contract.OnboardingList,
  '/api/weekly-reports': Contract.WeeklyReports,
  '/api/weekly-reports/{weekStart}': Contract.WeeklyReport,
  '/api/notifications': Contract.NotificationsList,
  '/api/settings/dispatch': Contract.DispatchSettings,
};

const SECTIONS = ['4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8'] as const;

test(
  'API-006 every entry of the endpoint catalog, called by its role in org A, answers its shape; with org B\'s id in any one of its id fields it is refused, changes nothing and leaks nothing; lists hold nothing of org B; self calls leave org B as it was; the other role is refused',
  async ({ world, actor, witness, scenarioTime, userPassword }) => {
    // Two steps per contract section (its reads, its writes), each entry's checks titled by its call.
    test.setTimeout(180_000);
    const { orgs, users } = world.slot;
    // Org B's rows the reads must not hold, beside its baseline: a completed shift (history, driver
    // shifts, weekly reports), a signup approval, a notification, an open shift with a pending bid.
    const doneB = await world.orgB.completedShift(users.driverB1, { daysAgo: 1, parcelsStart: 90, parcelsReturned: 4 });
    const doneA = await world.orgA.completedShift(users.driverA1, { daysAgo: 1, parcelsStart: 80, parcelsReturned: 2 });
    const approvalB = await world.orgB.onboardingEntry('approved.b@e2e.test');
    await world.orgA.onboardingEntry('approved.a@e2e.test');
    const openB = await world.orgB.openShift({ mode: 'competitive', inDays: 3 });
    const bidB = await world.orgB.pendingBid(users.driverB1, openB);
    const noteB = await world.orgB.notification(users.driverB1, openB);
    const orgBMarks = foreignMarks(orgs.B, [doneB.assignmentId, approvalB, openB.assignmentId, openB.bidWindowId, bidB, noteB]);
    orgBMarks.names.push('approved.b@e2e.test');
    const [managerA, driverA1] = await Promise.all([actor('managerA'), actor('driverA1')]);
    const as = (e: Endpoint) => (e.role === 'manager' ? managerA : driverA1);
    const wrongRole = (e: Endpoint) => (e.role === 'manager' ? driverA1 : managerA);
    const week = weekStart(doneA.date);
    /** the path with org `o`'s ids (an org-B one only where the read is refused) */
    const fill = (e: Endpoint, o: 'A' | 'B') =>
      e.path
        .replace('{weekStart}', week)
        .replace('{id}', () => {
          const entity = e.ids?.find((f) => f.in === 'path' && f.name === 'id')?.entity;
          if (entity === 'warehouse') return orgs[o].warehouse.id;
          if (entity === 'driver') return o === 'A' ? users.driverA1.id : users.driverB1.id;
          throw new Error(`HARNESS-001 API-006 has no ${entity ?? 'entity'} to put in ${e.path}`);
        });

    for (const section of SECTIONS) {
      const reads = ENDPOINTS.filter((e) => e.method === 'GET' && e.section === section);
      if (reads.length === 0) continue;
      await test.step(`contract §${section} reads: ${reads.map((e) => e.path).join(', ')}`, async () => {
        for (const e of reads) {
          const schema = SHAPES[e.path];
          if (!schema) throw new Error(`HARNESS-001 API-006 has no response shape for GET ${e.path}: add it to SHAPES`);
          const own = { method: 'GET' as const, path: fill(e, 'A') };
          await witness.api.listLacks(as(e), own, schema, orgBMarks);
          if (e.kind === 'id-bearing') {
            await witness.api.crossOrg(as(e), { name: `reading org B's ${e.path}`, control: own, probe: { method: 'GET', path: fill(e, 'B') }, schema }, orgBMarks);
          }
          if (e.role !== 'any') await witness.auth.apiForbidden(wrongRole(e), own.path);
        }
      });
    }

    const probe = new CatalogProbe({ world, actor, witness, now: () => scenarioTime.now(), password: userPassword });
    probe.marks.ids.push(...orgBMarks.ids);
    probe.marks.names.push(...orgBMarks.names);
    for (const section of SECTIONS) {
      const writes = ENDPOINTS.filter((e) => e.method !== 'GET' && e.section === section);
      await test.step(`contract §${section} writes: ${writes.map((e) => `${e.method} ${e.path}`).join(', ')}`, async () => {
        await probe.writes((e) => e.section === section);
      });
    }
  },
);

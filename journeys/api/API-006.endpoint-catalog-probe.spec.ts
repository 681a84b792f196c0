import { test } from '../../witness/test.js';
import { ENDPOINTS } from '../../witness/contract/endpoints.js';
import { weekStart } from '../../witness/time.js';
import { CatalogProbe } from './catalog.js';

const SECTIONS = ['4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8'] as const;

test(
  'API-006 every entry of the endpoint catalog, called by its role in org A, answers its shape; with org B\'s id in any one of its id fields it is refused, changes nothing and leaks nothing; lists hold nothing of org B; self calls leave org B as it was; the other role is refused',
  async ({ world, actor, witness, scenarioTime, userPassword }) => {
    // Two steps per contract section (its reads, its writes), each entry's checks titled by its call.
    test.setTimeout(180_000);
    const { users } = world.slot;
    // Org B's rows the reads must not hold, beside its baseline: a completed shift (history, driver
    // shifts, weekly reports), a signup approval, a notification, an open shift with a pending bid.
    const doneB = await world.orgB.completedShift(users.driverB1, { daysAgo: 1, parcelsStart: 90, parcelsReturned: 4 });
    const doneA = await world.orgA.completedShift(users.driverA1, { daysAgo: 1, parcelsStart: 80, parcelsReturned: 2 });
    const approvalB = await world.orgB.onboardingEntry('approved.b@e2e.test');
    await world.orgA.onboardingEntry('approved.a@e2e.test');
    const openB = await world.orgB.openShift({ mode: 'competitive', inDays: 3 });
    const bidB = await world.orgB.pendingBid(users.driverB1, openB);
    const noteB = await world.orgB.notification(users.driverB1, openB);
    const probe = CatalogProbe.of({ world, actor, witness, scenarioTime, userPassword }, { week: weekStart(doneA.date), date: openB.date });
    probe.mark([doneB.assignmentId, approvalB, openB.assignmentId, openB.bidWindowId, bidB, noteB], ['approved.b@e2e.test']);

    for (const section of SECTIONS) {
      const reads = ENDPOINTS.filter((e) => e.method === 'GET' && e.section === section);
      if (reads.length) {
        await test.step(`contract §${section} reads: ${reads.map((e) => e.path).join(', ')}`, async () => {
          for (const e of reads) await probe.read(e);
        });
      }
    }
    for (const section of SECTIONS) {
      const writes = ENDPOINTS.filter((e) => e.method !== 'GET' && e.section === section);
      await test.step(`contract §${section} writes: ${writes.map((e) => `${e.method} ${e.path}`).join(', ')}`, async () => {
        for (const e of writes) await probe.write(e);
      });
    }
  },
);

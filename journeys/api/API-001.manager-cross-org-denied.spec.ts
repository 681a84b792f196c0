import { test } from '../../witness/test.js';
import { foreignMarks } from '../../witness/api.js';
import * as C from '../../witness/contract/responses.js';

test(
  'API-001 manager A can neither read, change nor act on anything of org B through the manager endpoints; each refusal follows the same call succeeding on an org-A twin',
  { tag: ['@smoke'] },
  async ({ world, actor, witness }) => {
    const { orgs, users } = world.slot;
    const [A, B] = [orgs.A, orgs.B];
    // Twins: each org-B entity a probe is aimed at has an org-A entity in the same state for its
    // control. A control that gives a driver a shift and the probe that offers the same driver
    // another are on different dates, so "already has a shift that day" can never pass for a refusal.
    const bScheduled = await world.orgB.scheduledShift(users.driverB1, { inDays: 1 });
    const aScheduled = await world.orgA.scheduledShift(users.driverA1, { inDays: 1 });
    const [bToAssign, aToAssign] = [await world.orgB.openShift({ inDays: 7 }), await world.orgA.openShift({ inDays: 2 })];
    const [bToClose, aToClose] = [await world.orgB.openShift({ inDays: 3 }), await world.orgA.openShift({ inDays: 3 })];
    const [bToPick, aToPick] = [await world.orgB.openShift({ inDays: 8 }), await world.orgA.openShift({ inDays: 4 })];
    const [aForForeign, aForOwn] = [await world.orgA.openShift({ inDays: 5 }), await world.orgA.openShift({ inDays: 6 })];
    // Managers of org A linked to no warehouse yet: the controls of the two manager-link probes.
    const [managerA2, managerA3] = [await world.orgA.user({ key: 'manager2', role: 'manager' }), await world.orgA.user({ key: 'manager3', role: 'manager' })];
    const mA = await actor('managerA');
    const api = witness.api;
    const b = foreignMarks(B, [bScheduled.assignmentId, bToAssign.assignmentId, bToClose.bidWindowId, bToPick.bidWindowId]);

    await test.step('warehouses: org B\'s is neither read, renamed nor listed with its managers', async () => {
      await api.crossOrg(mA, { control: { method: 'GET', path: `/api/warehouses/${A.warehouse.id}` }, schema: C.WarehouseOk, probe: { method: 'GET', path: `/api/warehouses/${B.warehouse.id}` } }, b);
      await api.crossOrg(
        mA,
        {
          control: { method: 'PATCH', path: `/api/warehouses/${A.warehouse.id}`, data: { name: A.warehouse.name } },
          schema: C.WarehouseOk,
          probe: { method: 'PATCH', path: `/api/warehouses/${B.warehouse.id}`, data: { name: 'Renamed by manager A' } },
        },
        b,
      );
      await api.crossOrg(mA, { control: { method: 'GET', path: `/api/warehouses/${A.warehouse.id}/managers` }, schema: C.WarehouseManagers, probe: { method: 'GET', path: `/api/warehouses/${B.warehouse.id}/managers` } }, b);
    });

    await test.step('manager links: none into org B\'s warehouse, no org-B manager into org A\'s', async () => {
      await api.crossOrg(
        mA,
        {
          control: { method: 'POST', path: `/api/warehouses/${A.warehouse.id}/managers`, data: { userId: managerA2.id } },
          schema: C.WarehouseManagerLinked,
          probe: { method: 'POST', path: `/api/warehouses/${B.warehouse.id}/managers`, data: { userId: users.managerA.id } },
        },
        b,
      );
      await api.crossOrg(
        mA,
        {
          control: { method: 'POST', path: `/api/warehouses/${A.warehouse.id}/managers`, data: { userId: managerA3.id } },
          schema: C.WarehouseManagerLinked,
          probe: { method: 'POST', path: `/api/warehouses/${A.warehouse.id}/managers`, data: { userId: users.managerB.id } },
        },
        b,
      );
    });

    await test.step('assignments and bid windows of org B are not overridden, assigned, closed or given away', async () => {
      await api.crossOrg(
        mA,
        {
          control: { method: 'POST', path: `/api/assignments/${aScheduled.assignmentId}/override`, data: { action: 'suspend_route' } },
          schema: C.OverrideOk,
          probe: { method: 'POST', path: `/api/assignments/${bScheduled.assignmentId}/override`, data: { action: 'suspend_route' } },
        },
        b,
      );
      await api.crossOrg(
        mA,
        {
          control: { method: 'POST', path: `/api/assignments/${aToAssign.assignmentId}/assign`, data: { userId: users.driverA2.id } },
          schema: C.AssignOk,
          probe: { method: 'POST', path: `/api/assignments/${bToAssign.assignmentId}/assign`, data: { userId: users.driverA2.id } },
        },
        b,
      );
      await api.crossOrg(mA, { control: { method: 'POST', path: `/api/bid-windows/${aToClose.bidWindowId}/close` }, schema: C.BidWindowOk, probe: { method: 'POST', path: `/api/bid-windows/${bToClose.bidWindowId}/close` } }, b);
      await api.crossOrg(
        mA,
        {
          control: { method: 'POST', path: `/api/bid-windows/${aToPick.bidWindowId}/assign`, data: { driverId: users.driverA1.id } },
          schema: C.BidWindowOk,
          probe: { method: 'POST', path: `/api/bid-windows/${bToPick.bidWindowId}/assign`, data: { driverId: users.driverA1.id } },
        },
        b,
      );
      await api.crossOrg(
        mA,
        {
          control: { method: 'POST', path: `/api/bid-windows/${aForOwn.bidWindowId}/assign`, data: { driverId: users.driverA2.id } },
          schema: C.BidWindowOk,
          probe: { method: 'POST', path: `/api/bid-windows/${aForForeign.bidWindowId}/assign`, data: { driverId: users.driverB1.id } },
        },
        b,
      );
    });

    await test.step('org B\'s route and driver are neither changed nor read', async () => {
      await api.crossOrg(
        mA,
        { control: { method: 'PATCH', path: `/api/routes/${A.route.id}`, data: { startTime: A.route.startTime } }, schema: C.RouteOk, probe: { method: 'PATCH', path: `/api/routes/${B.route.id}`, data: { startTime: '10:00' } } },
        b,
      );
      await api.crossOrg(
        mA,
        { control: { method: 'PATCH', path: `/api/drivers/${users.driverA1.id}`, data: { weeklyCap: 4 } }, schema: C.DriverOk, probe: { method: 'PATCH', path: `/api/drivers/${users.driverB1.id}`, data: { weeklyCap: 2 } } },
        b,
      );
      await api.crossOrg(mA, { control: { method: 'GET', path: `/api/drivers/${users.driverA1.id}/health` }, schema: C.HealthResponse, probe: { method: 'GET', path: `/api/drivers/${users.driverB1.id}/health` } }, b);
    });

    await test.step('the suspended org-A route resumes', async () => {
      await api.succeeds(mA, { method: 'POST', path: `/api/assignments/${aScheduled.assignmentId}/override`, data: { action: 'resume_route' } }, C.OverrideOk);
    });

    await test.step('the manager lists hold nothing of org B', async () => {
      await api.listLacks(mA, { method: 'GET', path: `/api/routes?date=${bScheduled.date}` }, C.RoutesList, b);
      await api.listLacks(mA, { method: 'GET', path: `/api/routes?warehouseId=${B.warehouse.id}` }, C.RoutesList, b);
      await api.listLacks(mA, { method: 'GET', path: '/api/warehouses' }, C.WarehousesList, b);
      await api.listLacks(mA, { method: 'GET', path: '/api/drivers' }, C.DriversList, b);
      await api.listLacks(mA, { method: 'GET', path: '/api/bid-windows?status=all' }, C.BidWindows, b);
    });
  },
);

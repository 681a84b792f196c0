import { test } from '../../witness/test.js';
import { foreignMarks } from '../../witness/api.js';
import * as C from '../../witness/contract/responses.js';

test(
  'API-001 manager A can neither read, change nor act on anything of org B through the manager endpoints; the same calls on org A succeed',
  { tag: ['@smoke'] },
  async ({ world, actor, witness }) => {
    const { orgs, users } = world.slot;
    const [A, B] = [orgs.A, orgs.B];
    const bScheduled = await world.orgB.scheduledShift(users.driverB1, { inDays: 1 });
    const bOpen = await world.orgB.openShift({ mode: 'instant', inDays: 2 });
    const aScheduled = await world.orgA.scheduledShift(users.driverA1, { inDays: 1 });
    const aOpen = await world.orgA.openShift({ mode: 'instant', inDays: 2 });
    const mA = await actor('managerA');
    const api = witness.api;
    const b = foreignMarks(B, [bScheduled.assignmentId, bOpen.assignmentId, bOpen.bidWindowId]);

    await test.step('every manager endpoint refuses org B\'s entities, changes nothing and leaks nothing', async () => {
      await api.refused(mA, { method: 'GET', path: `/api/warehouses/${B.warehouse.id}` }, b);
      await api.refused(mA, { method: 'PATCH', path: `/api/warehouses/${B.warehouse.id}`, data: { name: 'Renamed by manager A' } }, b);
      await api.refused(mA, { method: 'GET', path: `/api/warehouses/${B.warehouse.id}/managers` }, b);
      await api.refused(mA, { method: 'POST', path: `/api/warehouses/${B.warehouse.id}/managers`, data: { userId: users.managerA.id } }, b);
      await api.refused(mA, { method: 'POST', path: `/api/warehouses/${A.warehouse.id}/managers`, data: { userId: users.managerB.id } }, b);
      await api.refused(mA, { method: 'POST', path: `/api/assignments/${bScheduled.assignmentId}/override`, data: { action: 'suspend_route' } }, b);
      await api.refused(mA, { method: 'POST', path: `/api/assignments/${bOpen.assignmentId}/assign`, data: { userId: users.driverA1.id } }, b);
      await api.refused(mA, { method: 'POST', path: `/api/bid-windows/${bOpen.bidWindowId}/close` }, b);
      await api.refused(mA, { method: 'POST', path: `/api/bid-windows/${bOpen.bidWindowId}/assign`, data: { driverId: users.driverA1.id } }, b);
      await api.refused(mA, { method: 'POST', path: `/api/bid-windows/${aOpen.bidWindowId}/assign`, data: { driverId: users.driverB1.id } }, b);
      await api.refused(mA, { method: 'PATCH', path: `/api/routes/${B.route.id}`, data: { name: 'Renamed by manager A' } }, b);
      await api.refused(mA, { method: 'PATCH', path: `/api/drivers/${users.driverB1.id}`, data: { weeklyCap: 2 } }, b);
      await api.refused(mA, { method: 'GET', path: `/api/drivers/${users.driverB1.id}/health` }, b);
    });

    await test.step('the same calls on org A succeed with the contract\'s shapes', async () => {
      await api.succeeds(mA, { method: 'GET', path: `/api/warehouses/${A.warehouse.id}` }, C.WarehouseOk);
      await api.succeeds(mA, { method: 'PATCH', path: `/api/warehouses/${A.warehouse.id}`, data: { address: A.warehouse.address } }, C.WarehouseOk);
      await api.succeeds(mA, { method: 'GET', path: `/api/warehouses/${A.warehouse.id}/managers` }, C.WarehouseManagers);
      await api.succeeds(mA, { method: 'POST', path: `/api/assignments/${aScheduled.assignmentId}/override`, data: { action: 'suspend_route' } }, C.OverrideOk);
      await api.succeeds(mA, { method: 'POST', path: `/api/assignments/${aScheduled.assignmentId}/override`, data: { action: 'resume_route' } }, C.OverrideOk);
      await api.succeeds(mA, { method: 'POST', path: `/api/bid-windows/${aOpen.bidWindowId}/close` }, C.BidWindowOk);
      await api.succeeds(mA, { method: 'POST', path: `/api/assignments/${aOpen.assignmentId}/assign`, data: { userId: users.driverA2.id } }, C.AssignOk);
      await api.succeeds(mA, { method: 'PATCH', path: `/api/routes/${A.route.id}`, data: { startTime: A.route.startTime } }, C.RouteOk);
      await api.succeeds(mA, { method: 'PATCH', path: `/api/drivers/${users.driverA1.id}`, data: { weeklyCap: 4 } }, C.DriverOk);
      await api.succeeds(mA, { method: 'GET', path: `/api/drivers/${users.driverA1.id}/health` }, C.HealthResponse);
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

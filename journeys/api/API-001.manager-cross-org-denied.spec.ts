import { test } from '../../witness/test.js';
import { foreignMarks, type ApiRequest, type CrossOrgCase } from '../../witness/checks/api.js';
import * as Contract from '../../witness/contract/responses.js';

test(
  'API-001 manager A can neither read, change nor act on anything of org B through the manager endpoints; each refusal follows the same call succeeding on an org-A twin',
  { tag: ['@smoke'] },
  async ({ world, actor, witness }) => {
    const { orgs, users } = world.slot;
    const [orgA, orgB] = [orgs.A, orgs.B];
    // Twins: each org-B entity a refusal is aimed at has an org-A entity in the same state for its
    // control. A control that gives a driver a shift and the refusal that offers the same driver
    // another are on different dates, so "already has a shift that day" can never pass for a refusal.
    const [scheduledB, scheduledA] = [await world.orgB.scheduledShift(users.driverB1, { inDays: 1 }), await world.orgA.scheduledShift(users.driverA1, { inDays: 1 })];
    const [toAssignB, toAssignA] = [await world.orgB.openShift({ inDays: 7 }), await world.orgA.openShift({ inDays: 2 })];
    const [toCloseB, toCloseA] = [await world.orgB.openShift({ inDays: 3 }), await world.orgA.openShift({ inDays: 3 })];
    const [toAwardB, toAwardA] = [await world.orgB.openShift({ inDays: 8 }), await world.orgA.openShift({ inDays: 4 })];
    const [offeredToForeignDriver, offeredToOwnDriver] = [await world.orgA.openShift({ inDays: 5 }), await world.orgA.openShift({ inDays: 6 })];
    // Managers of org A linked to no warehouse yet: the controls of the two manager-link refusals.
    const unlinkedManager2 = await world.orgA.user({ key: 'manager2', role: 'manager' });
    const unlinkedManager3 = await world.orgA.user({ key: 'manager3', role: 'manager' });
    const managerA = await actor('managerA');
    const orgBMarks = foreignMarks(orgB, [scheduledB.assignmentId, toAssignB.assignmentId, toCloseB.bidWindowId, toAwardB.bidWindowId]);
    const refuseAll = async (refusals: CrossOrgCase[]) => {
      for (const refusal of refusals) await witness.api.crossOrg(managerA, refusal, orgBMarks);
    };

    await test.step('warehouses: org B\'s is neither read, renamed nor listed with its managers', async () => {
      await refuseAll([
        {
          name: 'reading org B\'s warehouse',
          control: { method: 'GET', path: `/api/warehouses/${orgA.warehouse.id}` },
          probe: { method: 'GET', path: `/api/warehouses/${orgB.warehouse.id}` },
          schema: Contract.WarehouseOk,
        },
        {
          name: 'renaming org B\'s warehouse',
          control: { method: 'PATCH', path: `/api/warehouses/${orgA.warehouse.id}`, data: { name: orgA.warehouse.name } },
          probe: { method: 'PATCH', path: `/api/warehouses/${orgB.warehouse.id}`, data: { name: 'Renamed by manager A' } },
          schema: Contract.WarehouseOk,
        },
        {
          name: 'listing the managers of org B\'s warehouse',
          control: { method: 'GET', path: `/api/warehouses/${orgA.warehouse.id}/managers` },
          probe: { method: 'GET', path: `/api/warehouses/${orgB.warehouse.id}/managers` },
          schema: Contract.WarehouseManagers,
        },
      ]);
    });

    await test.step('manager links: none into org B\'s warehouse, no org-B manager into org A\'s', async () => {
      await refuseAll([
        {
          name: 'linking manager A to org B\'s warehouse',
          control: { method: 'POST', path: `/api/warehouses/${orgA.warehouse.id}/managers`, data: { userId: unlinkedManager2.id } },
          probe: { method: 'POST', path: `/api/warehouses/${orgB.warehouse.id}/managers`, data: { userId: users.managerA.id } },
          schema: Contract.WarehouseManagerLinked,
        },
        {
          name: 'linking org B\'s manager to org A\'s warehouse',
          control: { method: 'POST', path: `/api/warehouses/${orgA.warehouse.id}/managers`, data: { userId: unlinkedManager3.id } },
          probe: { method: 'POST', path: `/api/warehouses/${orgA.warehouse.id}/managers`, data: { userId: users.managerB.id } },
          schema: Contract.WarehouseManagerLinked,
        },
      ]);
    });

    await test.step('assignments and bid windows of org B are not overridden, assigned, closed or given away', async () => {
      await refuseAll([
        {
          name: 'suspending org B\'s route for a day',
          control: { method: 'POST', path: `/api/assignments/${scheduledA.assignmentId}/override`, data: { action: 'suspend_route' } },
          probe: { method: 'POST', path: `/api/assignments/${scheduledB.assignmentId}/override`, data: { action: 'suspend_route' } },
          schema: Contract.OverrideOk,
        },
        {
          name: 'assigning org B\'s open shift',
          control: { method: 'POST', path: `/api/assignments/${toAssignA.assignmentId}/assign`, data: { userId: users.driverA2.id } },
          probe: { method: 'POST', path: `/api/assignments/${toAssignB.assignmentId}/assign`, data: { userId: users.driverA2.id } },
          schema: Contract.AssignOk,
        },
        {
          name: 'closing org B\'s bid window',
          control: { method: 'POST', path: `/api/bid-windows/${toCloseA.bidWindowId}/close` },
          probe: { method: 'POST', path: `/api/bid-windows/${toCloseB.bidWindowId}/close` },
          schema: Contract.BidWindowOk,
        },
        {
          name: 'awarding org B\'s bid window',
          control: { method: 'POST', path: `/api/bid-windows/${toAwardA.bidWindowId}/assign`, data: { driverId: users.driverA1.id } },
          probe: { method: 'POST', path: `/api/bid-windows/${toAwardB.bidWindowId}/assign`, data: { driverId: users.driverA1.id } },
          schema: Contract.BidWindowOk,
        },
        {
          name: 'awarding an org-A window to org B\'s driver',
          control: { method: 'POST', path: `/api/bid-windows/${offeredToOwnDriver.bidWindowId}/assign`, data: { driverId: users.driverA2.id } },
          probe: { method: 'POST', path: `/api/bid-windows/${offeredToForeignDriver.bidWindowId}/assign`, data: { driverId: users.driverB1.id } },
          schema: Contract.BidWindowOk,
        },
      ]);
    });

    await test.step('org B\'s route and driver are neither changed nor read', async () => {
      await refuseAll([
        {
          name: 'moving the start time of org B\'s route',
          control: { method: 'PATCH', path: `/api/routes/${orgA.route.id}`, data: { startTime: orgA.route.startTime } },
          probe: { method: 'PATCH', path: `/api/routes/${orgB.route.id}`, data: { startTime: '10:00' } },
          schema: Contract.RouteOk,
        },
        {
          name: 'changing the weekly cap of org B\'s driver',
          control: { method: 'PATCH', path: `/api/drivers/${users.driverA1.id}`, data: { weeklyCap: 4 } },
          probe: { method: 'PATCH', path: `/api/drivers/${users.driverB1.id}`, data: { weeklyCap: 2 } },
          schema: Contract.DriverOk,
        },
        {
          name: 'reading the health of org B\'s driver',
          control: { method: 'GET', path: `/api/drivers/${users.driverA1.id}/health` },
          probe: { method: 'GET', path: `/api/drivers/${users.driverB1.id}/health` },
          schema: Contract.HealthResponse,
        },
      ]);
    });

    await test.step('the suspended org-A route resumes', async () => {
      const resume: ApiRequest = { method: 'POST', path: `/api/assignments/${scheduledA.assignmentId}/override`, data: { action: 'resume_route' } };
      await witness.api.succeeds(managerA, resume, Contract.OverrideOk);
    });

    await test.step('the manager lists hold nothing of org B', async () => {
      const managerLists = [
        { request: { method: 'GET', path: `/api/routes?date=${scheduledB.date}` }, schema: Contract.RoutesList },
        { request: { method: 'GET', path: `/api/routes?warehouseId=${orgB.warehouse.id}` }, schema: Contract.RoutesList },
        { request: { method: 'GET', path: '/api/warehouses' }, schema: Contract.WarehousesList },
        { request: { method: 'GET', path: '/api/drivers' }, schema: Contract.DriversList },
        { request: { method: 'GET', path: '/api/bid-windows?status=all' }, schema: Contract.BidWindows },
      ] satisfies { request: ApiRequest; schema: unknown }[];
      for (const list of managerLists) await witness.api.listLacks(managerA, list.request, list.schema, orgBMarks);
    });
  },
);

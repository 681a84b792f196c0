import type { Response } from '@playwright/test';
import { TablePage } from './TablePage.js';

export interface WarehouseRow {
  name: string;
  address: string;
}

/** `/warehouses` (contract §5.10): the manager's warehouses; `Add Warehouse` opens `Create Warehouse`. */
export class WarehousesPage extends TablePage {
  readonly path = '/warehouses';
  protected readonly holds = 'warehouses';

  /** The table's Name and Address columns. */
  async read(): Promise<WarehouseRow[]> {
    return (await this.cells()).map((c) => ({ name: c[0] ?? '', address: c[1] ?? '' }));
  }

  /** Create a warehouse with the toolbar's `Add Warehouse`; the app's answer to the POST. */
  async create(name: string, address: string): Promise<Response> {
    const dialog = await this.openDialog('Add Warehouse', 'Create Warehouse');
    await dialog.locator('#create-name').fill(name);
    await dialog.locator('#create-address').fill(address);
    return this.answerTo('POST', '/api/warehouses', `the creation of ${name}`, () => dialog.getByRole('button', { name: 'Create', exact: true }).click());
  }
}

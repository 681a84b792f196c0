// Test hooks (/__witness/*): only mounted when INTEGRATION_TEST=1 and WITNESS_TEST_HOOKS=1.
import { Hono } from 'hono';
import { z } from 'zod';
import { clockState, setClock } from '../clock.js';
import { activeFaults, FAULTS, setActiveFaults } from '../faults.js';
import { type AppEnv, fail, readJson } from '../http.js';

export const hooksApi = new Hono<AppEnv>();

hooksApi.get('/__witness/faults', (c) => c.json({ active: activeFaults(), catalog: FAULTS }));

hooksApi.put('/__witness/faults', async (c) => {
  const parsed = z.object({ active: z.array(z.string()) }).safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Body must be { active: string[] }');
  const unknown = setActiveFaults(parsed.data.active);
  if (unknown.length) fail(400, `Unknown fault: ${unknown.join(', ')}`);
  return c.json({ active: activeFaults(), catalog: FAULTS });
});

hooksApi.get('/__witness/clock', (c) => c.json(clockState()));

hooksApi.put('/__witness/clock', async (c) => {
  const parsed = z
    .object({ now: z.union([z.string(), z.null()]), frozen: z.boolean().optional() })
    .safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Body must be { now: ISO string | null, frozen?: boolean }');
  if (parsed.data.now === null) {
    setClock(null);
  } else {
    const at = new Date(parsed.data.now);
    if (Number.isNaN(at.getTime())) fail(400, `Invalid time: ${parsed.data.now}`);
    setClock(at, parsed.data.frozen ?? false);
  }
  return c.json(clockState());
});

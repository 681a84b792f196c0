// Process interface of the reference target: serve | apply-schema | faults --json.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { FAULTS } from './faults.js';

const HERE = dirname(fileURLToPath(import.meta.url));

const CONTRACT_TABLES = [
  'user', 'session', 'account', 'verification', 'rate_limit', 'passkey', 'organizations',
  'organization_dispatch_settings', 'dispatch_settings', 'warehouses', 'warehouse_managers', 'routes',
  'assignments', 'shifts', 'bid_windows', 'bids', 'driver_preferences', 'driver_metrics', 'route_completions',
  'notifications', 'audit_logs', 'signup_onboarding', 'driver_health_snapshots', 'driver_health_state',
];

function die(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function requireEnv(name: string): string {
  const v = process.env[name];
  if (!v) die(`target: environment variable ${name} is required`);
  return v;
}

async function applySchema(): Promise<void> {
  const url = requireEnv('DATABASE_URL');
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    die(`apply-schema: cannot connect to the database: ${(err as Error).message}`);
  }
  try {
    const present = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1)`,
      [CONTRACT_TABLES],
    );
    if (present.rowCount && present.rowCount > 0) {
      process.stdout.write(`schema present (${present.rowCount} contract tables); left as is\n`);
      return;
    }
    const sql = readFileSync(join(HERE, 'schema.sql'), 'utf8');
    await client.query('BEGIN');
    try {
      await client.query(sql);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    }
    process.stdout.write(`schema created (${CONTRACT_TABLES.length} contract tables)\n`);
  } catch (err) {
    die(`apply-schema: ${(err as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

async function serve(): Promise<void> {
  const databaseUrl = requireEnv('DATABASE_URL');
  const portText = requireEnv('PORT');
  const secret = requireEnv('BETTER_AUTH_SECRET');
  const port = Number(portText);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) die(`target: PORT must be a port number, got "${portText}"`);
  const host = process.env.HOST || '127.0.0.1';
  const baseURL = process.env.BETTER_AUTH_URL || `http://${host}:${port}`;
  const hooks = process.env.INTEGRATION_TEST === '1' && process.env.WITNESS_TEST_HOOKS === '1';

  const { createPool } = await import('./db.js');
  const { createAuth, acceptLegacyCredentialAccounts } = await import('./auth.js');
  const { createApp } = await import('./app.js');
  const { serve: listen } = await import('@hono/node-server');

  const pool = createPool(databaseUrl);
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => {});
    die(`target: cannot connect to the database: ${(err as Error).message}`);
  }
  const auth = createAuth({ pool, baseURL, secret });
  await acceptLegacyCredentialAccounts(auth);
  const app = createApp({
    auth,
    hooks,
    log: process.env.TARGET_LOG === '1',
    requestLog: process.env.TARGET_REQUEST_LOG || undefined,
    cronSecret: process.env.CRON_SECRET || undefined,
  });

  const server = listen({ fetch: app.fetch, port, hostname: host }, () => {
    process.stdout.write(`TARGET_READY http://${host}:${port}\n`);
  });
  server.on('error', (err: Error) => {
    pool.end().catch(() => {});
    die(`target: cannot listen on ${host}:${port}: ${err.message}`);
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(0), 5000);
    force.unref();
    server.close(() => {
      pool.end().finally(() => process.exit(0));
    });
    // Keep-alive connections would hold close() open.
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

async function main(): Promise<void> {
  const [cmd, ...rest] = process.argv.slice(2);
  switch (cmd) {
    case 'serve':
      return serve();
    case 'apply-schema':
      return applySchema();
    case 'faults':
      if (!rest.includes('--json')) die('usage: tsx target/cli.ts faults --json');
      process.stdout.write(`${JSON.stringify(FAULTS, null, 2)}\n`);
      return;
    default:
      die('usage: tsx target/cli.ts <serve | apply-schema | faults --json>');
  }
}

main().catch((err) => die(`target: ${(err as Error).message}`));

#!/usr/bin/env node
/**
 * @module Probe (not a test): PostgreSQL's own CPU per order-create write, by how the write is
 * sent. One connection to a scratch database with the stub's migrations, 3,000 writes of the
 * three records an order create saves (order, commission, inventory level) in one partition,
 * for each of: BEGIN + claim + inserts + COMMIT in one multi-statement query, with and without
 * the two lock-wait clock readings; one prepared `regen_write` call (what the stub sends); the
 * same with `synchronous_commit = off` (a measurement of the commit flush only, never a setting
 * of the stub). Backend CPU from `/proc/<backend pid>/schedstat` (Linux, `cpuUsOf`), µs per write.
 *
 * Needs REGEN_BENCH_DATABASE_URL or REGEN_TEST_DATABASE_URL (a role that may create databases).
 * Usage: node bench/pg-write-cost.mjs
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { cpuUsOf, root } from './support.mjs';

const DATABASE_URL = process.env.REGEN_BENCH_DATABASE_URL ?? process.env.REGEN_TEST_DATABASE_URL;
if (!DATABASE_URL) {
  console.error(
    'Set REGEN_BENCH_DATABASE_URL (or REGEN_TEST_DATABASE_URL): a PostgreSQL role that may create databases.',
  );
  process.exit(1);
}
const WRITES = 3000;
const PARTITION = 'acct_probe/live';
const migrations = path.join(root, 'packages/stub/migrations');

const name = `regen_probe_${randomBytes(5).toString('hex')}`;
const admin = new pg.Client({ connectionString: DATABASE_URL });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(DATABASE_URL);
url.pathname = `/${name}`;
const client = new pg.Client({ connectionString: url.toString() });
try {
  await client.connect();
  for (const file of readdirSync(migrations)
    .filter((f) => f.endsWith('.sql'))
    .sort())
    await client.query(readFileSync(path.join(migrations, file), 'utf8'));
  await client.query('INSERT INTO regen_partitions (partition, version) VALUES ($1, 1)', [PARTITION]);
  const { pid } = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0];
  const cpuUs = () => cpuUsOf([pid]);

  let version = 1;
  let n = 0;
  const now = () => new Date().toISOString();
  const records = () => {
    n++;
    const order = {
      id: `ord_${n}`,
      status: 'pending',
      customerId: 'cus_probe',
      items: [{ productId: 'prd_probe', quantity: 1, unitPrice: { amount: 4999, currency: 'USD' } }],
      total: { amount: 4999, currency: 'USD' },
      metadata: {},
      shippingAddress: null,
      createdAt: now(),
      updatedAt: now(),
      cancelledAt: null,
      cancellationReason: null,
    };
    const level = {
      productId: 'prd_probe',
      sku: 'SKU-PROBE',
      onHand: 1_000_000,
      reserved: n,
      available: 1_000_000 - n,
      lowStockThreshold: 10,
      updatedAt: now(),
    };
    const commission = {
      id: `com_${n}`,
      orderId: order.id,
      amount: { amount: 500, currency: 'USD' },
      rateBasisPoints: 1000,
      status: 'pending',
      payoutId: null,
      createdAt: now(),
    };
    return [
      [`${PARTITION}/orders`, order.id, JSON.stringify(order)],
      [`${PARTITION}/inventory`, level.productId, JSON.stringify(level)],
      [`${PARTITION}/commissions`, commission.id, JSON.stringify(commission)],
    ];
  };
  const lit = (s) => client.escapeLiteral(s);
  const clock = 'SELECT extract(epoch FROM clock_timestamp())::float8 AS t';
  const multiStatement = (withClocks) => async () => {
    const next = version + 1;
    const rows = records().map(
      ([kind, id, json]) => `(${lit(kind)}, ${lit(id)}, ${lit(json)}::json, false, ${next})`,
    );
    await client.query(
      [
        'BEGIN',
        ...(withClocks ? [clock] : []),
        `SELECT 1 FROM regen_partitions WHERE partition = ${lit(PARTITION)} AND version = ${version} FOR UPDATE NOWAIT`,
        ...(withClocks ? [clock] : []),
        `INSERT INTO regen_records (kind, id, data, deleted, version) VALUES ${rows.join(', ')} ON CONFLICT (kind, id) DO UPDATE SET data = EXCLUDED.data, deleted = EXCLUDED.deleted, version = EXCLUDED.version`,
        `UPDATE regen_partitions SET version = ${next} WHERE partition = ${lit(PARTITION)}`,
        'COMMIT',
      ].join('; '),
    );
    version = next;
  };
  const regenWrite = async () => {
    const next = version + 1;
    const json = records().map(
      ([kind, id, data]) =>
        `{"kind":${JSON.stringify(kind)},"id":${JSON.stringify(id)},"data":${data},"deleted":false,"version":${next}}`,
    );
    await client.query({
      name: 'regen_write',
      text: 'SELECT regen_write($1, $2, $3, $4, $5) AS waited',
      values: [[PARTITION], [version], `[${json.join(',')}]`, [PARTITION], [next]],
    });
    version = next;
  };
  const measure = async (label, write) => {
    for (let i = 0; i < 300; i++) await write();
    const before = cpuUs();
    const started = performance.now();
    for (let i = 0; i < WRITES; i++) await write();
    const cpu = (cpuUs() - before) / WRITES;
    const wall = ((performance.now() - started) * 1000) / WRITES;
    console.log(
      `${label.padEnd(58)} ${cpu.toFixed(0).padStart(4)} µs backend CPU, ${wall.toFixed(0).padStart(4)} µs wall per write`,
    );
  };

  console.log(`PostgreSQL backend CPU per write, ${WRITES} writes of 3 records each, one connection`);
  for (let pass = 1; pass <= 2; pass++) {
    console.log(`pass ${pass}`);
    await measure('BEGIN; lock; clocks; records; version; COMMIT', multiStatement(true));
    await measure('BEGIN; lock; records; version; COMMIT', multiStatement(false));
    await measure('one prepared regen_write call (the stub)', regenWrite);
    await client.query('SET synchronous_commit = off');
    await measure('regen_write, synchronous_commit = off (measurement)', regenWrite);
    await client.query('SET synchronous_commit = on');
  }
} finally {
  await client.end().catch(() => undefined);
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

#!/usr/bin/env node
/**
 * @module Benchmark of the stub's storage (not a test): one run, same machine, side
 * by side — autocannon, 10 connections, on an authenticated GET (`listProducts`) and on an
 * order create (`createOrder`: order + stock reservation + commission, one transaction), for
 *   - one instance on the in-memory store,
 *   - one instance on PostgreSQL + Redis,
 *   - three instances on PostgreSQL + Redis (the 10 connections split over them, summed).
 * Reports req/s, p99 latency and non-2xx answers, and the PostgreSQL+Redis / memory ratio.
 *
 * Needs `npm run build` and the servers: REGEN_BENCH_DATABASE_URL / REGEN_BENCH_REDIS_URL, or
 * REGEN_TEST_DATABASE_URL / REGEN_TEST_REDIS_URL (which .ci/run exports). Each run creates its
 * own database (regen_bench_<random>) and Redis prefix and drops them afterwards.
 *
 * Usage: node bench/storage-bench.mjs [--duration 5] [--json out.json]
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import pg from 'pg';
import { ADMIN_KEY, CONNECTIONS, DURATION, requireBuild, startStubProcess, stop, value } from './support.mjs';

const DATABASE_URL = process.env.REGEN_BENCH_DATABASE_URL ?? process.env.REGEN_TEST_DATABASE_URL;
const REDIS_URL = process.env.REGEN_BENCH_REDIS_URL ?? process.env.REGEN_TEST_REDIS_URL;

requireBuild();
if (!DATABASE_URL || !REDIS_URL) {
  console.error(
    'Set REGEN_BENCH_DATABASE_URL and REGEN_BENCH_REDIS_URL (or the REGEN_TEST_ ones .ci/run exports): a PostgreSQL role that may create databases, and a Redis.',
  );
  process.exit(1);
}

const headers = { 'x-api-key': ADMIN_KEY };
const json = async (url, init = {}) => {
  const r = await fetch(url, {
    ...init,
    headers: { ...headers, 'content-type': 'application/json', ...init.headers },
  });
  return r.json();
};

/** An order body on a product whose stock was raised far beyond what the run can reserve. */
async function prepareOrder(url) {
  const customers = await json(`${url}/api/v1/customers?limit=1`);
  const products = await json(`${url}/api/v1/products?active=true&limit=100`);
  const product = products.data.find((p) => p.price.currency === 'USD');
  for (let i = 0; i < 5; i++) {
    await json(`${url}/api/v1/inventory/adjustments`, {
      method: 'POST',
      body: JSON.stringify({ productId: product.id, delta: 100000, reason: 'restock' }),
    });
  }
  return {
    customerId: customers.data[0].id,
    currency: 'USD',
    items: [{ productId: product.id, quantity: 1 }],
  };
}

/** One autocannon run per URL at once (the connections split over them); req/s summed. */
async function load(urls, request) {
  const share = urls.map(
    (_, i) => Math.floor(CONNECTIONS / urls.length) + (i < CONNECTIONS % urls.length ? 1 : 0),
  );
  const results = await Promise.all(
    urls.map((url, i) =>
      autocannon({
        url: url + request.path,
        connections: share[i],
        duration: DURATION,
        method: request.method,
        headers: request.body ? { ...headers, 'content-type': 'application/json' } : headers,
        body: request.body,
      }),
    ),
  );
  return {
    reqPerSec: Math.round(results.reduce((s, r) => s + r.requests.average, 0)),
    p99Ms: Math.max(...results.map((r) => r.latency.p99)),
    non2xx: results.reduce((s, r) => s + r.non2xx, 0),
    errors: results.reduce((s, r) => s + r.errors + r.timeouts, 0),
  };
}

async function withDatabase(run) {
  const suffix = randomBytes(5).toString('hex');
  const name = `regen_bench_${suffix}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  const prefix = `regen_bench_${suffix}:`;
  try {
    return await run(['--database-url', url.toString(), '--redis-url', REDIS_URL, '--redis-prefix', prefix]);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}

async function scenario(label, instances, storage) {
  const stubs = [];
  try {
    // The first instance migrates and seeds; the others load.
    stubs.push(await startStubProcess(storage));
    for (let i = 1; i < instances; i++) stubs.push(await startStubProcess(storage));
    const urls = stubs.map((s) => s.url);
    const body = JSON.stringify(await prepareOrder(urls[0]));
    await load(urls, { method: 'GET', path: '/api/v1/products?limit=10' }); // warm-up
    const get = await load(urls, { method: 'GET', path: '/api/v1/products?limit=10' });
    const create = await load(urls, { method: 'POST', path: '/api/v1/orders', body });
    return { label, instances, get, create };
  } finally {
    await Promise.all(stubs.map((s) => stop(s.child)));
  }
}

const results = [];
results.push(await scenario('memory, 1 instance', 1, []));
results.push(await withDatabase((storage) => scenario('PostgreSQL + Redis, 1 instance', 1, storage)));
results.push(await withDatabase((storage) => scenario('PostgreSQL + Redis, 3 instances', 3, storage)));

const memory = results[0];
console.log(
  `storage benchmark: ${DURATION} s per measurement, ${CONNECTIONS} connections, one run on this machine`,
);
console.log('| setup | GET req/s | GET p99 ms | order create req/s | create p99 ms | non-2xx |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of results) {
  console.log(
    `| ${r.label} | ${r.get.reqPerSec} | ${r.get.p99Ms} | ${r.create.reqPerSec} | ${r.create.p99Ms} | ${r.get.non2xx + r.create.non2xx} |`,
  );
}
const ratio = (a, b) => Math.round((a / b) * 100) / 100;
console.log(
  `PostgreSQL + Redis / memory (1 instance): GET ${ratio(results[1].get.reqPerSec, memory.get.reqPerSec)}× (target ≥ 0.5×), create ${ratio(results[1].create.reqPerSec, memory.create.reqPerSec)}×`,
);
console.log(
  `3 / 1 instances on PostgreSQL + Redis: GET ${ratio(results[2].get.reqPerSec, results[1].get.reqPerSec)}×, create ${ratio(results[2].create.reqPerSec, results[1].create.reqPerSec)}×`,
);
const out = value('--json', null);
if (out) writeFileSync(out, `${JSON.stringify({ duration: DURATION, results }, null, 2)}\n`);

#!/usr/bin/env node
/**
 * @module Benchmark of request recording (not a test), one run, same machine, side by side:
 *   1. the hot path: an authenticated GET (`listProducts`) on this build's stub and, with
 *      `--baseline DIR`, on the stub built in another checkout (e.g. main before recording
 *      existed), each in memory and on PostgreSQL + Redis; rounds alternate the targets; the
 *      report gives this build ÷ baseline per storage;
 *   2. the usage queries over 7 days of one busy key (100,000 requests): in memory, in process
 *      (usage-query-memory.mts through tsx), and on PostgreSQL over HTTP (the store seeded with
 *      SQL as 100,000 recorded requests would leave it: 10,080 minutes per selector, the newest
 *      10,000 log entries in batches of 1,000), median of 20 requests.
 *
 * Needs `npm run build` and the servers (REGEN_BENCH_DATABASE_URL / REGEN_BENCH_REDIS_URL, or the
 * REGEN_TEST_ ones .ci/run exports). Databases and Redis prefixes are its own, dropped afterwards.
 *
 * Usage: node bench/usage-bench.mjs [--duration 3] [--rounds 3] [--baseline DIR]
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import pg from 'pg';
import { ADMIN_KEY, CLI, requireBuild, root, SMOKE, startStubProcess, stop, value } from './support.mjs';

const DATABASE_URL = process.env.REGEN_BENCH_DATABASE_URL ?? process.env.REGEN_TEST_DATABASE_URL;
const REDIS_URL = process.env.REGEN_BENCH_REDIS_URL ?? process.env.REGEN_TEST_REDIS_URL;
const DURATION = Number(value('--duration', SMOKE ? '1' : '3'));
const ROUNDS = Number(value('--rounds', SMOKE ? '1' : '3'));
const BUSY_KEY = 'key_benchBusy1';
const DEMO = 'acct_5Tq8Wm2Rz4N';

requireBuild();
if (!DATABASE_URL || !REDIS_URL) {
  console.error(
    'Set REGEN_BENCH_DATABASE_URL and REGEN_BENCH_REDIS_URL (or the REGEN_TEST_ ones .ci/run exports).',
  );
  process.exit(1);
}

const databases = [];
async function createDatabase() {
  const suffix = randomBytes(5).toString('hex');
  const name = `regen_bench_${suffix}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(DATABASE_URL);
  url.pathname = `/${name}`;
  databases.push({ name, prefix: `regen_bench_${suffix}:` });
  return [
    '--database-url',
    url.toString(),
    '--redis-url',
    REDIS_URL,
    '--redis-prefix',
    `regen_bench_${suffix}:`,
  ];
}

async function dropDatabases() {
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  const redis = new Redis(REDIS_URL);
  for (const { name, prefix } of databases) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  redis.disconnect();
  await admin.end();
}

async function load(url) {
  const r = await autocannon({
    url,
    connections: 10,
    duration: DURATION,
    headers: { 'x-api-key': ADMIN_KEY },
  });
  return { reqPerSec: r.requests.average, p99Ms: r.latency.p99, non2xx: r.non2xx };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratio = (a, b) => Math.round((a / b) * 100) / 100;
const servers = [];
try {
  // 1. The hot path, this build against the baseline's.
  const baselineDir = value('--baseline', undefined);
  const builds = [{ build: 'this build', cli: CLI }];
  if (baselineDir) {
    const cli = path.resolve(baselineDir, 'packages/stub/dist/cli.js');
    if (!existsSync(cli)) throw new Error(`--baseline: ${cli} is missing (build that checkout first)`);
    builds.push({ build: 'baseline', cli });
  }
  const targets = [];
  for (const storage of ['memory', 'PostgreSQL + Redis']) {
    for (const { build, cli } of builds) {
      const stub = await startStubProcess(storage === 'memory' ? [] : await createDatabase(), cli);
      servers.push(stub);
      targets.push({ storage, build, url: `${stub.url}/api/v1/products?limit=10`, runs: [] });
    }
  }
  for (const t of targets) await load(t.url); // warm-up
  for (let round = 0; round < ROUNDS; round++) for (const t of targets) t.runs.push(await load(t.url));

  console.log(`usage benchmark: ${DURATION} s × ${ROUNDS} alternating rounds per target, 10 connections`);
  console.log('| storage | build | GET req/s (median) | p99 ms (max) | non-2xx |');
  console.log('| --- | --- | ---: | ---: | ---: |');
  for (const t of targets) {
    t.reqPerSec = Math.round(median(t.runs.map((r) => r.reqPerSec)));
    console.log(
      `| ${t.storage} | ${t.build} | ${t.reqPerSec} | ${Math.max(...t.runs.map((r) => r.p99Ms))} | ${t.runs.reduce((s, r) => s + r.non2xx, 0)} |`,
    );
  }
  if (baselineDir) {
    for (const storage of ['memory', 'PostgreSQL + Redis']) {
      const [now, before] = ['this build', 'baseline'].map((b) =>
        targets.find((t) => t.storage === storage && t.build === b),
      );
      console.log(
        `${storage}: this build ÷ baseline = ${ratio(now.reqPerSec, before.reqPerSec)}× (target ≥ 0.9×)`,
      );
    }
  }

  // 2. Usage queries over 7 days of one busy key.
  const memory = spawnSync(
    process.execPath,
    ['--conditions=@regen/source', '--import', 'tsx', 'bench/usage-query-memory.mts'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (memory.status !== 0) throw new Error(`usage-query-memory failed: ${memory.stderr}`);
  const memoryTimes = JSON.parse(memory.stdout.trim().split('\n').pop());

  const storage = await createDatabase();
  const stub = await startStubProcess(storage);
  servers.push(stub);
  const db = new pg.Client({ connectionString: storage[1] });
  await db.connect();
  await db.query(`
    INSERT INTO regen_usage_minutes (account_id, mode, selector, minute, status_2xx, status_4xx, status_429, status_5xx, histogram)
    SELECT '${DEMO}', 'live', s, m, 9, 0, 1, 0, array_fill(0, ARRAY[80]) || ARRAY[]::int[]
    FROM generate_series((extract(epoch FROM now()) / 60)::int - 10079, (extract(epoch FROM now()) / 60)::int) m,
         unnest(ARRAY['*', '${BUSY_KEY}']) s`);
  await db.query(`UPDATE regen_usage_minutes SET histogram[20] = 7, histogram[30] = 3`);
  // The newest 10,000 entries, as ten stored batches of 1,000 (one every 6 s, spread over the last 17 h).
  await db.query(`
    INSERT INTO regen_request_log (account_id, mode, first_at_ms, last_at_ms, entries_count, entries)
    SELECT '${DEMO}', 'live', min(at), max(at), count(*), jsonb_agg(jsonb_build_array(at, 'req_bench' || g, 'GET',
      'listOrders', '/api/v1/orders', CASE WHEN g % 20 = 0 THEN 404 ELSE 200 END, 2.5, 'api_key', '${BUSY_KEY}',
      'rg_live_Bnch', '127.0.0.1', 'bench', CASE WHEN g % 20 = 0 THEN 'not_found' END) ORDER BY g)::text
    FROM (SELECT g, (extract(epoch FROM now()) * 1000)::bigint - (10000 - g) * 6000 AS at FROM generate_series(1, 10000) g) e
    GROUP BY (g - 1) / 1000 ORDER BY (g - 1) / 1000`);
  await db.end();
  const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const dayAgo = new Date(Date.now() - 86_400_000).toISOString();
  const timed = async (query) => {
    const times = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const r = await fetch(`${stub.url}${query}`, { headers: { 'x-api-key': ADMIN_KEY } });
      const body = await r.json();
      if (r.status !== 200) throw new Error(`${query}: ${r.status} ${JSON.stringify(body)}`);
      times.push(performance.now() - started);
    }
    return Math.round(median(times) * 100) / 100;
  };
  const pgTimes = {
    'series 7 d by day, one key': await timed(`/api/v1/usage/series?granularity=day&keyId=${BUSY_KEY}`),
    'series 7 d by hour, one key': await timed(
      `/api/v1/usage/series?granularity=hour&from=${weekAgo}&keyId=${BUSY_KEY}`,
    ),
    'series 24 h by minute, one key': await timed(
      `/api/v1/usage/series?granularity=minute&from=${dayAgo}&keyId=${BUSY_KEY}`,
    ),
    'series 7 d by hour, all': await timed(`/api/v1/usage/series?granularity=hour&from=${weekAgo}`),
    'log page of 20, one key, 4xx': await timed(`/api/v1/usage/requests?keyId=${BUSY_KEY}&status=4xx`),
  };
  console.log(
    '\nusage queries over 7 days of one busy key (100,000 requests), median of 20, ms (target ≤ 200)',
  );
  console.log('| query | memory (in process) | PostgreSQL (over HTTP) |');
  console.log('| --- | ---: | ---: |');
  for (const [label, ms] of Object.entries(pgTimes))
    console.log(`| ${label} | ${memoryTimes[label]} | ${ms} |`);
} finally {
  await Promise.all(servers.map((s) => stop(s.child)));
  await dropDatabases();
}

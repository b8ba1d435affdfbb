#!/usr/bin/env node
/**
 * @module Benchmark of the stub's storage (not a test): one run, same machine, side by side —
 * autocannon, 10 connections, on an authenticated GET (`listProducts`) and on an order create
 * (`createOrder`: order + stock reservation + commission, one transaction), for
 *   - one instance on the in-memory store,
 *   - one and three instances on PostgreSQL + Redis (the connections split over them, summed),
 * each with creates of one account (the admin key: the demo account) and creates spread
 * round-robin over 8 accounts (`bench/storage-accounts.mjs`: a `--data-file` imported into the
 * empty database). With three instances the 8-account load runs twice: every instance getting
 * every account, and routed by account (account i only on instance i mod 3). The same PostgreSQL cases run with the previous build too
 * (`--baseline-cli PATH`, e.g. a checkout of the previous code, built; skipped when absent or with
 * REGEN_BENCH_SMOKE=1): that is "today", measured in the same run with the same load.
 * Every create measurement runs on fresh instances and a fresh database; with this build each
 * instance reports how long its write transactions waited for their partition locks, measured by
 * PostgreSQL (`clock_timestamp()` around the `FOR UPDATE`; REGEN_STUB_LOCK_WAIT_STATS=1).
 *
 * Needs `npm run build` and the servers: REGEN_BENCH_DATABASE_URL / REGEN_BENCH_REDIS_URL, or
 * REGEN_TEST_DATABASE_URL / REGEN_TEST_REDIS_URL (which .ci/run exports). Each measurement creates
 * its own database (regen_bench_<random>) and Redis prefix and drops them afterwards.
 *
 * Usage: node bench/storage-bench.mjs [--duration 5] [--json out.json] [--baseline-cli PATH]
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import pg from 'pg';
import { benchAccounts } from './storage-accounts.mjs';
import {
  ADMIN_KEY,
  CLI,
  CONNECTIONS,
  cpuUsOf,
  DURATION,
  requireBuild,
  root,
  SMOKE,
  startStubProcess,
  stop,
  value,
} from './support.mjs';

const DATABASE_URL = process.env.REGEN_BENCH_DATABASE_URL ?? process.env.REGEN_TEST_DATABASE_URL;
const REDIS_URL = process.env.REGEN_BENCH_REDIS_URL ?? process.env.REGEN_TEST_REDIS_URL;
const ACCOUNTS = 8;
// The previous build's CLI (a built checkout of the code before the change); none: ratios against this
// build's one-account case.
const BASELINE_CLI = value('--baseline-cli', undefined);
const BASELINE =
  !SMOKE && BASELINE_CLI !== undefined && existsSync(BASELINE_CLI)
    ? snapshotBaseline(BASELINE_CLI)
    : undefined;
// Each measurement starts fresh processes: long enough for their JIT to settle before it counts.
// Per instance: n instances share the load, so each gets about 1/n of the warm-up's requests;
// they are warmed n times as long, or three instances are measured half-compiled (their CPU per
// create then shows the optimizing compiler, and the comparison with one instance is unfair).
const WARM_UP = Math.min(3, DURATION);
const warmUpOf = (instances) => WARM_UP * instances;

/**
 * Copies the baseline build (its `dist/` and `migrations/`) under this checkout's node_modules
 * before the run: the main checkout may be rebuilt while the benchmark runs, and from there its
 * dependencies resolve to this checkout's. Returns the copy's CLI.
 */
function snapshotBaseline(cli) {
  const stub = path.dirname(path.dirname(cli));
  const copy = path.join(root, 'node_modules/.cache/regen-storage-bench-baseline');
  rmSync(copy, { recursive: true, force: true });
  cpSync(path.join(stub, 'dist'), path.join(copy, 'dist'), { recursive: true });
  cpSync(path.join(stub, 'migrations'), path.join(copy, 'migrations'), { recursive: true });
  return path.join(copy, 'dist/cli.js');
}

requireBuild();
if (!DATABASE_URL || !REDIS_URL) {
  console.error(
    'Set REGEN_BENCH_DATABASE_URL and REGEN_BENCH_REDIS_URL (or the REGEN_TEST_ ones .ci/run exports): a PostgreSQL role that may create databases, and a Redis.',
  );
  process.exit(1);
}
// Read by this build's instances only (the baseline ignores it).
process.env.REGEN_STUB_LOCK_WAIT_STATS = '1';

const json = async (url, key, path, init = {}) => {
  const r = await fetch(url + path, {
    ...init,
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
  });
  return r.json();
};

/**
 * An order body on a product whose stock was raised far beyond what the run can reserve, in every
 * account of `keys` (their data are copies of the demo's: the same ids).
 */
async function prepareOrder(url, keys) {
  const customers = await json(url, keys[0], '/api/v1/customers?limit=1');
  const products = await json(url, keys[0], '/api/v1/products?active=true&limit=100');
  const product = products.data.find((p) => p.price.currency === 'USD');
  for (const key of keys)
    for (let i = 0; i < 5; i++)
      await json(url, key, '/api/v1/inventory/adjustments', {
        method: 'POST',
        body: JSON.stringify({ productId: product.id, delta: 100000, reason: 'restock' }),
      });
  return {
    customerId: customers.data[0].id,
    currency: 'USD',
    items: [{ productId: product.id, quantity: 1 }],
  };
}

/**
 * The keys each URL's connections send. `round-robin`: every instance gets every key (a load
 * balancer that ignores the account). `by-account`: key i goes to instance i mod n only, as a
 * load balancer routing by account would, so each account's writes stay on one instance.
 */
const keysPerUrl = (urls, keys, routing) =>
  urls.map((_, i) => (routing === 'by-account' ? keys.filter((_, k) => k % urls.length === i) : keys));

/**
 * One autocannon run per URL at once (the connections split over them); req/s summed. Requests
 * take the keys in turn (round-robin), so several keys spread the load over their accounts.
 */
async function load(urls, request, keys, duration = DURATION, routing = 'round-robin') {
  const share = urls.map(
    (_, i) => Math.floor(CONNECTIONS / urls.length) + (i < CONNECTIONS % urls.length ? 1 : 0),
  );
  const routed = keysPerUrl(urls, keys, routing);
  const headersOf = (key) =>
    request.body ? { 'x-api-key': key, 'content-type': 'application/json' } : { 'x-api-key': key };
  const results = await Promise.all(
    urls.map((url, i) => {
      const own = routed[i];
      let turn = 0;
      return autocannon({
        url,
        connections: share[i],
        duration,
        requests: [
          {
            method: request.method,
            path: request.path,
            body: request.body,
            setupRequest: (req) => ({ ...req, headers: headersOf(own[turn++ % own.length]) }),
          },
        ],
      });
    }),
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

/** The machine's CPU counters (`/proc/stat`, first line: user nice system idle iowait …); undefined off Linux. */
function machineTicks() {
  try {
    return readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  } catch {
    return undefined;
  }
}

/**
 * CPU time of every process named `postgres` on this machine, per pid, in µs
 * (`/proc/PID/schedstat`); empty off Linux. Other databases and other servers count too (an upper
 * bound on a shared machine); a connection that closes during the measurement is missed.
 */
function postgresCpu() {
  const cpu = new Map();
  let pids = [];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return cpu;
  }
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      cpu.set(pid, Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1000);
    } catch {
      // The process ended meanwhile.
    }
  }
  return cpu;
}

/** µs of CPU the server used between two {@link postgresCpu} readings (processes started since count whole). */
const postgresCpuUs = (before, after) =>
  [...after].reduce((sum, [pid, us]) => sum + us - (before.get(pid) ?? 0), 0);

/** Share of the machine's CPU time that was idle between two {@link machineTicks}, in %. */
function idlePercent(before, after) {
  if (before === undefined || after === undefined) return undefined;
  const delta = after.map((v, i) => v - (before[i] ?? 0));
  const total = delta.reduce((a, b) => a + b, 0);
  return total === 0 ? undefined : Math.round((((delta[3] ?? 0) + (delta[4] ?? 0)) / total) * 1000) / 10;
}

/** Times these processes were taken off a CPU they still wanted (`nonvoluntary_ctxt_switches`). */
function preemptionsOf(pids) {
  try {
    let n = 0;
    for (const pid of pids)
      n += Number(
        /nonvoluntary_ctxt_switches:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1],
      );
    return n;
  } catch {
    return undefined;
  }
}

/** Starts `instances` stubs of `cli`; collects the lock-wait line each prints when it stops. */
async function startStubs(cli, instances, args) {
  const stubs = [];
  // The first instance migrates and seeds (or imports); the others load.
  for (let i = 0; i < instances; i++) {
    const stub = await startStubProcess(args, cli);
    stub.out = '';
    stub.child.stdout.on('data', (d) => {
      stub.out += d;
    });
    stubs.push(stub);
  }
  return {
    urls: stubs.map((s) => s.url),
    /** CPU time the instances have used so far, in µs (Linux `/proc`; null elsewhere). */
    cpuUs: () => cpuUsOf(stubs.map((s) => s.child.pid)),
    preemptions: () => preemptionsOf(stubs.map((s) => s.child.pid)),
    /** Stops them; the lock waits summed over the instances (undefined for a build without them). */
    async stop() {
      await Promise.all(stubs.map((s) => stop(s.child)));
      const waits = stubs
        .map((s) => s.out.split('\n').find((l) => l.includes('"lock-wait"')))
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      if (waits.length === 0) return undefined;
      const count = waits.reduce((s, w) => s + w.count, 0);
      const mean = (field) =>
        Math.round((waits.reduce((s, w) => s + w[field] * w.count, 0) / Math.max(1, count)) * 1000) / 1000;
      return {
        count,
        meanMs: mean('meanMs'),
        p99Ms: Math.max(...waits.map((w) => w.p99Ms)),
        maxMs: Math.max(...waits.map((w) => w.maxMs)),
        queueMeanMs: mean('queueMeanMs'),
        queueP99Ms: Math.max(...waits.map((w) => w.queueP99Ms)),
        // Claims that found their partition moved on (another instance wrote it) and ran again.
        reruns: waits.every((w) => w.reruns === undefined)
          ? undefined
          : waits.reduce((s, w) => s + (w.reruns ?? 0), 0),
      };
    },
  };
}

/** GET throughput of a setup (one account, the admin key). */
async function measureGet(cli, instances, args) {
  const stubs = await startStubs(cli, instances, args);
  try {
    const request = { method: 'GET', path: '/api/v1/products?limit=10' };
    await load(stubs.urls, request, [ADMIN_KEY], warmUpOf(instances));
    return await load(stubs.urls, request, [ADMIN_KEY]);
  } finally {
    await stubs.stop();
  }
}

/**
 * Order creates of `keys` (taken in turn; `routing` says which instance gets which key) on fresh
 * instances; with the lock waits of the run.
 */
async function measureCreates(cli, instances, args, keys, routing = 'round-robin') {
  const stubs = await startStubs(cli, instances, args);
  let result;
  try {
    const body = JSON.stringify(await prepareOrder(stubs.urls[0], keys));
    const request = { method: 'POST', path: '/api/v1/orders', body };
    await load(stubs.urls, request, keys, warmUpOf(instances), routing);
    const cpuBefore = stubs.cpuUs();
    const preemptedBefore = stubs.preemptions();
    const machineBefore = machineTicks();
    const postgresBefore = postgresCpu();
    result = await load(stubs.urls, request, keys, DURATION, routing);
    const postgresAfter = postgresCpu();
    const cpuAfter = stubs.cpuUs();
    const preemptedAfter = stubs.preemptions();
    const creates = Math.max(1, result.reqPerSec * DURATION);
    // Where a setup's time goes on a machine short of cores: the instances' CPU per create, how
    // often the scheduler took their CPU away, and whether any CPU was left idle at all.
    if (cpuBefore !== null && cpuAfter !== null)
      result.instanceCpuMsPerCreate = Math.round(((cpuAfter - cpuBefore) / 1000 / creates) * 100) / 100;
    if (preemptedBefore !== undefined && preemptedAfter !== undefined)
      result.preemptionsPerCreate = Math.round(((preemptedAfter - preemptedBefore) / creates) * 100) / 100;
    result.machineIdlePercent = idlePercent(machineBefore, machineTicks());
    if (postgresAfter.size > 0)
      result.postgresCpuMsPerCreate =
        Math.round((postgresCpuUs(postgresBefore, postgresAfter) / 1000 / creates) * 100) / 100;
  } finally {
    const lockWait = await stubs.stop();
    if (result) result.lockWait = lockWait;
  }
  return result;
}

const accounts = await benchAccounts(ACCOUNTS);
const onPg = (fn) => withDatabase((storage) => fn([...storage, '--data-file', accounts.file]));
const results = [];
try {
  if (!SMOKE) {
    results.push({
      label: 'memory, 1 instance',
      build: 'this',
      instances: 1,
      get: await measureGet(CLI, 1, []),
      create: await measureCreates(CLI, 1, [], [ADMIN_KEY]),
    });
  }
  const builds = [['this', CLI], ...(BASELINE ? [['baseline', BASELINE]] : [])];
  const counts = SMOKE ? [1] : [1, 3];
  const rows = counts.flatMap((instances) =>
    builds.map(([build, cli]) => ({
      label: `PostgreSQL + Redis, ${instances} instance${instances > 1 ? 's' : ''}${build === 'baseline' ? ', previous build' : ''}`,
      build,
      cli,
      instances,
    })),
  );
  for (const row of rows)
    if (row.build === 'this') row.get = await onPg((args) => measureGet(CLI, row.instances, args));
  // One load at a time over every setup, one after the other: a machine whose load drifts during
  // the run weighs alike on the setups each ratio compares.
  for (const row of rows)
    row.create = await onPg((args) => measureCreates(row.cli, row.instances, args, [ADMIN_KEY]));
  for (const row of rows) {
    row.createMany = await onPg((args) => measureCreates(row.cli, row.instances, args, accounts.keys));
    // Beside the round-robin case, in the same pass: each account's connections on one instance.
    if (row.instances > 1)
      row.createManyByAccount = await onPg((args) =>
        measureCreates(row.cli, row.instances, args, accounts.keys, 'by-account'),
      );
  }
  for (const { cli, ...row } of rows) results.push(row);
} finally {
  accounts.cleanup();
}

const ratio = (a, b) => Math.round((a / b) * 100) / 100;
const find = (build, instances) =>
  results.find((r) => r.build === build && r.instances === instances && r.createMany);
const waitText = (w) =>
  w
    ? `PostgreSQL lock wait mean ${w.meanMs} ms, p99 ${w.p99Ms} ms; wait in the instance mean ${w.queueMeanMs} ms, p99 ${w.queueP99Ms} ms; over ${w.count} writes${w.reruns === undefined ? '' : `, ${w.reruns} run again after a stale claim`}`
    : 'lock wait not reported';
const cell = (m) => (m ? `${m.reqPerSec} | ${m.p99Ms}` : '– | –');

console.log(
  BASELINE
    ? `"today": the build at ${BASELINE_CLI}, copied before the run`
    : `"today": no baseline build (${SMOKE ? 'smoke run' : BASELINE_CLI === undefined ? 'no --baseline-cli' : `${BASELINE_CLI} is missing`}); ratios against this build's one-account case`,
);
console.log(
  `storage benchmark: ${DURATION} s per measurement, ${CONNECTIONS} connections, ${ACCOUNTS} accounts for the spread creates, one run on this machine`,
);
console.log(
  '| setup | GET req/s | GET p99 ms | creates, 1 account req/s | p99 ms | creates, 8 accounts req/s | p99 ms | 8 accounts, routed by account req/s | p99 ms | PostgreSQL lock wait mean / p99 ms (1 account; 8 accounts) | non-2xx |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |');
for (const r of results) {
  const waits = [r.create?.lockWait, r.createMany?.lockWait]
    .map((w) => (w ? `${w.meanMs} / ${w.p99Ms} (in instance ${w.queueMeanMs} / ${w.queueP99Ms})` : '–'))
    .join('; ');
  const non2xx = [r.get, r.create, r.createMany, r.createManyByAccount].reduce(
    (s, m) => s + (m ? m.non2xx + m.errors : 0),
    0,
  );
  console.log(
    `| ${r.label} | ${cell(r.get)} | ${cell(r.create)} | ${cell(r.createMany)} | ${cell(r.createManyByAccount)} | ${waits} | ${non2xx} |`,
  );
}

const one = find('this', 1);
const three = find('this', 3);
const today = find('baseline', 1);
const memory = results.find((r) => r.label.startsWith('memory'));
const rows = [];
const against = today
  ? { m: today.create, name: 'previous build, 1 instance, creates of 1 account (today)' }
  : { m: one.create, name: 'this build, 1 instance, creates of 1 account (no baseline build in this run)' };
rows.push({
  case: 'order creates, 8 accounts at once, 1 instance',
  ratio: ratio(one.createMany.reqPerSec, against.m.reqPerSec),
  against: against.name,
  target: '≥ 2×',
  met: ratio(one.createMany.reqPerSec, against.m.reqPerSec) >= 2,
  detail: `${one.createMany.reqPerSec} vs ${against.m.reqPerSec} creates/s, p99 ${one.createMany.p99Ms} vs ${against.m.p99Ms} ms; CPU per create: instance ${one.createMany.instanceCpuMsPerCreate} vs ${against.m.instanceCpuMsPerCreate} ms, PostgreSQL server ${one.createMany.postgresCpuMsPerCreate} vs ${against.m.postgresCpuMsPerCreate} ms; machine idle ${one.createMany.machineIdlePercent} vs ${against.m.machineIdlePercent} %; ${waitText(one.createMany.lockWait)}`,
});
/** A three-instance 8-account measurement against one instance under the same load. */
const threeInstanceRow = (name, m, routing) => {
  const r = ratio(m.reqPerSec, one.createMany.reqPerSec);
  return {
    case: name,
    ratio: r,
    against: 'this build, 1 instance, same 8-account load',
    target: '≥ 1×',
    met: r >= 1,
    detail: `${m.reqPerSec} vs ${one.createMany.reqPerSec} creates/s, p99 ${m.p99Ms} vs ${one.createMany.p99Ms} ms, instance CPU ${m.instanceCpuMsPerCreate} vs ${one.createMany.instanceCpuMsPerCreate} ms per create, PostgreSQL server CPU ${m.postgresCpuMsPerCreate} vs ${one.createMany.postgresCpuMsPerCreate} ms per create, preempted ${m.preemptionsPerCreate} vs ${one.createMany.preemptionsPerCreate} times per create, machine idle ${m.machineIdlePercent} vs ${one.createMany.machineIdlePercent} %; ${routing}; ${waitText(m.lockWait)}`,
  };
};
if (three) {
  rows.push(
    threeInstanceRow(
      'order creates, 8 accounts at once, 3 instances',
      three.createMany,
      'connections round-robin over the instances (every instance serves every account)',
    ),
  );
  if (three.createManyByAccount)
    rows.push(
      threeInstanceRow(
        'order creates, 8 accounts at once, 3 instances routed by account',
        three.createManyByAccount,
        "each account's connections on one instance (account i on instance i mod 3), as a load balancer routing by account would",
      ),
    );
}
rows.push({
  case: 'order creates, 1 account, 1 instance (partition lock contended)',
  ratio: ratio(one.create.reqPerSec, against.m.reqPerSec),
  against: against.name,
  target: null,
  met: null,
  detail: `${one.create.reqPerSec} vs ${against.m.reqPerSec} creates/s; ${waitText(one.create.lockWait)}`,
});
if (today) {
  rows.push({
    case: 'previous build: order creates, 8 accounts at once, 1 instance',
    ratio: ratio(today.createMany.reqPerSec, today.create.reqPerSec),
    against: 'previous build, 1 instance, creates of 1 account',
    target: null,
    met: null,
    detail: `${today.createMany.reqPerSec} vs ${today.create.reqPerSec} creates/s: one lock for every write, so more accounts add nothing`,
  });
}
if (memory) {
  const r = ratio(one.get.reqPerSec, memory.get.reqPerSec);
  rows.push({
    case: 'GET list of 10, PostgreSQL + Redis, 1 instance',
    ratio: r,
    against: 'in-memory store, 1 instance',
    target: '≥ 0.5×',
    met: r >= 0.5,
    detail: `${one.get.reqPerSec} vs ${memory.get.reqPerSec} req/s, p99 ${one.get.p99Ms} vs ${memory.get.p99Ms} ms`,
  });
}
for (const row of rows)
  console.log(
    `${row.case}: ${row.ratio}× ${row.against}${row.target ? ` (target ${row.target}, ${row.met ? 'met' : 'NOT met'})` : ''} — ${row.detail}`,
  );

const out = value('--json', null);
if (out) {
  const summary = {
    title: 'Stub storage: order creates by account on PostgreSQL + Redis',
    command: `node bench/storage-bench.mjs --duration ${DURATION}${out ? ' --json PATH' : ''}`,
    rows,
  };
  writeFileSync(
    out,
    `${JSON.stringify({ duration: DURATION, accounts: ACCOUNTS, baseline: BASELINE ? BASELINE_CLI : null, results, summary }, null, 2)}\n`,
  );
}

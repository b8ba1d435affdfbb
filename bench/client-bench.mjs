#!/usr/bin/env node
/**
 * @module Per-call overhead benchmark (not a test): the same sequential GETs against one local
 * node:http server (in a child process, so the server does not share the client's event loop),
 * in one run, for global fetch, bare undici `request`, openapi-fetch, ky, axios and RegenClient
 * (default fetch transport, `undiciTransport()` of `@regen/client/node`, a JWT session, a
 * timeout). Two responses: one order (0.1 kB) and a 3.3 kB list page of products (the contract's
 * product example, varied). Rounds are interleaved and the median per client is
 * reported, as a ratio to global fetch.
 *
 * Usage: npm run build -w @regen/client && node bench/client-bench.mjs [calls=4000] [rounds=5] [--json out.json]
 * `REGEN_BENCH_SMOKE=1` makes a ~1 s run that only proves the benchmark works.
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

/**
 * A 3.3 kB list page: the two products of the contract's `ProductListExample`, alternated, with
 * ids and prices varied. 13 contract-valid products make 3.3 kB (20 would make 5.2 kB: every
 * product carries two timestamps, a price object and an id).
 */
const PAGE_ITEMS = 13;
function productPage() {
  const names = ['Marine Collagen Peptides 500 g', 'Magnesium Glycinate 120 caps'];
  const id = (i) => `prd_${String(i).padStart(2, '0')}t8Vn1Xc5B`;
  const data = Array.from({ length: PAGE_ITEMS }, (_, i) => ({
    id: id(i),
    name: names[i % 2],
    sku: `RGN-${i % 2 ? 'MAG' : 'COLL'}-${100 + i}`,
    description: i % 2 ? null : 'Hydrolysed type I and III collagen.',
    price: { amount: 4900 - i * 100, currency: 'USD' },
    active: true,
    createdAt: '2026-01-08T15:02:11Z',
    updatedAt: '2026-02-20T10:45:00Z',
  }));
  return JSON.stringify({ success: true, data, hasMore: true, nextCursor: `cur_${id(PAGE_ITEMS - 1)}` });
}

if (process.argv[2] === '--server') {
  const order = JSON.stringify({
    success: true,
    data: { id: 'ord_8x2Kq9Lm3Np', status: 'paid', total: { amount: 12900, currency: 'USD' }, items: [] },
  });
  const list = productPage();
  const server = createServer((req, res) => {
    const body = req.url?.startsWith('/api/v1/products') ? list : order;
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-request-id': 'req_bench',
      'x-ratelimit-limit': '100000',
      'x-ratelimit-remaining': '99999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () =>
    process.send?.({ port: server.address().port, listBytes: list.length }),
  );
} else {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const jsonPath = jsonAt === -1 ? undefined : args[jsonAt + 1];
  const positional = args.filter((a, i) => !a.startsWith('--') && (jsonAt === -1 || i !== jsonAt + 1));
  // REGEN_BENCH_SMOKE=1 (the README commands test): a short run that only proves the benchmark works.
  const smoke = process.env.REGEN_BENCH_SMOKE === '1';
  const calls = Number(positional[0] ?? (smoke ? 100 : 4000));
  const rounds = Number(positional[1] ?? (smoke ? 1 : 5));
  const child = fork(fileURLToPath(import.meta.url), ['--server'], { stdio: 'inherit' });
  const { port, listBytes } = await new Promise((resolve) => child.once('message', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;
  const orderUrl = `${baseUrl}/api/v1/orders/ord_8x2Kq9Lm3Np`;
  const listUrl = `${baseUrl}/api/v1/products?limit=13`;
  const apiKey = 'rg_test_BenchKey0123456789abcdefghijklmn';
  const headers = { accept: 'application/json', 'x-api-key': apiKey };

  let RegenClient;
  let undiciTransport;
  try {
    ({ RegenClient } = await import('@regen/client'));
    ({ undiciTransport } = await import('@regen/client/node'));
  } catch (error) {
    console.error('Build the client first: npm run build -w @regen/client\n', error.message);
    child.kill();
    process.exit(1);
  }
  const { default: createClient } = await import('openapi-fetch');
  const { default: ky } = await import('ky');
  const { default: axios } = await import('axios');
  const { request } = await import('undici');

  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jwt = `${b64({ alg: 'HS256' })}.${b64({ sub: 'usr_1', exp: Math.floor(Date.now() / 1000) + 86_400 })}.sig`;

  const ofetch = createClient({ baseUrl, headers });
  const kyClient = ky.create({ headers, retry: 2 });
  const axiosClient = axios.create({ headers });
  const transport = undiciTransport();
  const regenKey = new RegenClient({ apiKey, baseUrl });
  const regenUndici = new RegenClient({ apiKey, baseUrl, transport });
  const regenJwt = new RegenClient({ accessToken: jwt, refreshToken: 'rt_bench', baseUrl });
  const regenTimeout = new RegenClient({ apiKey, baseUrl, timeout: 60_000 });
  const regenUndiciTimeout = new RegenClient({ apiKey, baseUrl, transport, timeout: 60_000 });

  const FETCH = 'global fetch';
  const UNDICI_CLIENT = 'RegenClient + undiciTransport';
  const scenarios = {
    'GET one order (0.1 kB)': {
      [FETCH]: async () => (await fetch(orderUrl, { headers })).json(),
      'undici request (bare)': async () => (await request(orderUrl, { headers })).body.json(),
      'openapi-fetch': async () =>
        (await ofetch.GET('/api/v1/orders/{id}', { params: { path: { id: 'ord_8x2Kq9Lm3Np' } } })).data,
      ky: () => kyClient.get(orderUrl).json(),
      axios: async () => (await axiosClient.get(orderUrl)).data,
      'RegenClient (default fetch)': () => regenKey.orders.retrieve('ord_8x2Kq9Lm3Np'),
      [UNDICI_CLIENT]: () => regenUndici.orders.retrieve('ord_8x2Kq9Lm3Np'),
      'RegenClient (JWT session)': () => regenJwt.orders.retrieve('ord_8x2Kq9Lm3Np'),
      // The price of a per-attempt AbortSignal, shown separately (see the README).
      'RegenClient (timeout set)': () => regenTimeout.orders.retrieve('ord_8x2Kq9Lm3Np'),
      'RegenClient + undici, timeout': () => regenUndiciTimeout.orders.retrieve('ord_8x2Kq9Lm3Np'),
    },
    [`GET list page, 13 products (${(listBytes / 1000).toFixed(1)} kB)`]: {
      [FETCH]: async () => (await fetch(listUrl, { headers })).json(),
      'undici request (bare)': async () => (await request(listUrl, { headers })).body.json(),
      'openapi-fetch': async () =>
        (await ofetch.GET('/api/v1/products', { params: { query: { limit: 13 } } })).data,
      ky: () => kyClient.get(listUrl).json(),
      axios: async () => (await axiosClient.get(listUrl)).data,
      'RegenClient (default fetch)': () => regenKey.products.list({ limit: 13 }),
      [UNDICI_CLIENT]: () => regenUndici.products.list({ limit: 13 }),
    },
  };

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const batch = smoke ? 20 : 100;
  const batches = Math.max(1, Math.round(calls / batch));
  const report = {};
  console.log(
    `Sequential GETs on loopback: ${calls} calls × ${rounds} rounds per client, in shuffled batches of ${batch} (Node ${process.version})`,
  );
  for (const [scenario, subjects] of Object.entries(scenarios)) {
    // Fine-grained interleaving in a shuffled order per round, so drift, GC debt and other load on
    // the machine spread evenly over the subjects; the median batch per subject is reported.
    const names = Object.keys(subjects);
    const results = Object.fromEntries(names.map((k) => [k, []]));
    for (const fn of Object.values(subjects)) for (let i = 0; i < (smoke ? 20 : 300); i++) await fn(); // warm up JIT and sockets
    for (let r = 0; r < rounds * batches; r++) {
      const order = [...names].sort(() => Math.random() - 0.5);
      for (const name of order) {
        const fn = subjects[name];
        const started = process.hrtime.bigint();
        for (let i = 0; i < batch; i++) await fn();
        results[name].push(Number(process.hrtime.bigint() - started) / 1e3 / batch); // µs per call
      }
    }
    const base = results[FETCH];
    // Paired ratio: each batch against the fetch batch of the same round (same machine load).
    const ratio = (xs) => median(xs.map((x, i) => x / base[i]));
    console.log(`\n${scenario}`);
    console.log('client'.padEnd(32), 'µs/call'.padStart(9), 'calls/s'.padStart(9), '× fetch'.padStart(9));
    report[scenario] = {};
    for (const [name, xs] of Object.entries(results)) {
      const m = median(xs);
      report[scenario][name] = { usPerCall: Number(m.toFixed(2)), ratio: Number(ratio(xs).toFixed(3)) };
      console.log(
        name.padEnd(32),
        m.toFixed(1).padStart(9),
        Math.round(1e6 / m)
          .toString()
          .padStart(9),
        ratio(xs).toFixed(3).padStart(9),
      );
    }
  }
  console.log(
    '\nµs/call: median batch; × fetch: median of per-round ratios to the global-fetch batch of the same round.',
  );
  await transport.close();
  child.kill();

  if (jsonPath) {
    const [orderScenario, listScenario] = Object.keys(scenarios);
    const row = (scenario, name, target) => {
      const r = report[scenario][name];
      const f = report[scenario][FETCH];
      const limit = target === null ? undefined : Number(target.replace(/[^0-9.]/g, ''));
      return {
        case: `${scenario}: ${name}`,
        ratio: r.ratio,
        against: 'bare global fetch, same server and bytes (sequential, keep-alive)',
        target,
        met: limit === undefined ? null : r.ratio <= limit,
        detail: `${r.usPerCall} vs ${f.usPerCall} µs/call (${Math.round(1e6 / r.usPerCall)} vs ${Math.round(1e6 / f.usPerCall)} calls/s)`,
      };
    };
    // The headline first: RegenClient on undici against the ≤ 0.6× target, on both answers.
    const others = Object.keys(scenarios[listScenario])
      .filter((n) => n !== FETCH && n !== UNDICI_CLIENT)
      .map((n) => row(listScenario, n, null));
    const summary = {
      title: 'Client per-call cost on loopback, ratio to global fetch',
      command: `node bench/client-bench.mjs ${calls} ${rounds} --json ${jsonPath}`,
      rows: [
        row(listScenario, UNDICI_CLIENT, '≤ 0.6×'),
        row(orderScenario, UNDICI_CLIENT, '≤ 0.6×'),
        ...others,
      ],
    };
    writeFileSync(
      jsonPath,
      `${JSON.stringify({ node: process.version, calls, rounds, batch, smoke, scenarios: report, summary }, null, 2)}\n`,
    );
    console.log(`wrote ${jsonPath}`);
  }
}

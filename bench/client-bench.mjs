#!/usr/bin/env node
/**
 * @module Per-call overhead benchmark (not a test): the same sequential GETs against one local
 * node:http server (in a child process, so the server does not share the client's event loop),
 * in one run, for global fetch, openapi-fetch, ky, axios and RegenClient (API key, and a JWT
 * session; retries, timeout and rate-limit tracking on). Rounds are interleaved and the median
 * per client is reported, as a ratio to global fetch.
 *
 * Usage: npm run build -w @regen/client && node bench/client-bench.mjs [calls=4000] [rounds=5]
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

if (process.argv[2] === '--server') {
  const body = JSON.stringify({
    success: true,
    data: { id: 'ord_8x2Kq9Lm3Np', status: 'paid', total: { amount: 12900, currency: 'USD' }, items: [] },
  });
  const server = createServer((_req, res) => {
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
  server.listen(0, '127.0.0.1', () => process.send?.(server.address().port));
} else {
  // REGEN_BENCH_SMOKE=1 (the README commands test): a short run that only proves the benchmark works.
  const smoke = process.env.REGEN_BENCH_SMOKE === '1';
  const calls = Number(process.argv[2] ?? (smoke ? 200 : 4000));
  const rounds = Number(process.argv[3] ?? (smoke ? 1 : 5));
  const child = fork(fileURLToPath(import.meta.url), ['--server'], { stdio: 'inherit' });
  const port = await new Promise((resolve) => child.once('message', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;
  const url = `${baseUrl}/api/v1/orders/ord_8x2Kq9Lm3Np`;
  const apiKey = 'rg_test_BenchKey0123456789abcdefghijklmn';
  const headers = { accept: 'application/json', 'x-api-key': apiKey };

  let RegenClient;
  try {
    ({ RegenClient } = await import('@regen/client'));
  } catch (error) {
    console.error('Build the client first: npm run build -w @regen/client\n', error.message);
    child.kill();
    process.exit(1);
  }
  const { default: createClient } = await import('openapi-fetch');
  const { default: ky } = await import('ky');
  const { default: axios } = await import('axios');

  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jwt = `${b64({ alg: 'HS256' })}.${b64({ sub: 'usr_1', exp: Math.floor(Date.now() / 1000) + 86_400 })}.sig`;

  const ofetch = createClient({ baseUrl, headers });
  const kyClient = ky.create({ headers, retry: 2 });
  const axiosClient = axios.create({ headers });
  const regenKey = new RegenClient({ apiKey, baseUrl });
  const regenJwt = new RegenClient({ accessToken: jwt, refreshToken: 'rt_bench', baseUrl });
  const regenTimeout = new RegenClient({ apiKey, baseUrl, timeout: 60_000 });

  const subjects = {
    'global fetch': async () => (await fetch(url, { headers })).json(),
    'openapi-fetch': async () =>
      (await ofetch.GET('/api/v1/orders/{id}', { params: { path: { id: 'ord_8x2Kq9Lm3Np' } } })).data,
    ky: () => kyClient.get(url).json(),
    axios: async () => (await axiosClient.get(url)).data,
    'RegenClient (API key)': () => regenKey.orders.retrieve('ord_8x2Kq9Lm3Np'),
    'RegenClient (JWT session)': () => regenJwt.orders.retrieve('ord_8x2Kq9Lm3Np'),
    // The price of a per-attempt AbortSignal in undici, shown separately (see the README).
    'RegenClient (timeout set)': () => regenTimeout.orders.retrieve('ord_8x2Kq9Lm3Np'),
  };

  // Fine-grained interleaving in a shuffled order per round, so drift, GC debt and other load on
  // the machine spread evenly over the subjects; the median batch per subject is reported.
  const names = Object.keys(subjects);
  const results = Object.fromEntries(names.map((k) => [k, []]));
  for (const fn of Object.values(subjects)) for (let i = 0; i < 300; i++) await fn(); // warm up JIT and sockets
  const batch = 100;
  const batches = Math.max(1, Math.round(calls / batch));
  for (let r = 0; r < rounds * batches; r++) {
    const order = [...names].sort(() => Math.random() - 0.5);
    for (const name of order) {
      const fn = subjects[name];
      const started = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) await fn();
      results[name].push(Number(process.hrtime.bigint() - started) / 1e3 / batch); // µs per call
    }
  }
  child.kill();

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const base = results['global fetch'];
  // Paired ratio: each batch against the fetch batch of the same round (same machine load).
  const ratio = (xs) => median(xs.map((x, i) => x / base[i]));
  console.log(
    `Sequential GETs on loopback: ${calls} calls × ${rounds} rounds per client, in shuffled batches of ${batch} (Node ${process.version})`,
  );
  console.log('client'.padEnd(28), 'µs/call'.padStart(9), 'calls/s'.padStart(9), '× fetch'.padStart(9));
  for (const [name, xs] of Object.entries(results)) {
    const m = median(xs);
    console.log(
      name.padEnd(28),
      m.toFixed(1).padStart(9),
      Math.round(1e6 / m)
        .toString()
        .padStart(9),
      ratio(xs).toFixed(3).padStart(9),
    );
  }
  console.log(
    'µs/call: median batch; × fetch: median of per-round ratios to the global-fetch batch of the same round.',
  );
}

#!/usr/bin/env node
/**
 * @module Probe (not a test): does writing one event-loop turn's answers together (after the
 * turn's I/O, in a `setImmediate`) cost a node:http server less than writing each as soon as it
 * is ready? The stub's node adapter does the former (`packages/stub/src/http/write-batch.ts`).
 * Bare node:http servers in child processes answer a 0.2 kB JSON body, immediately or batched,
 * with no other work and with `--busy` µs of spinning per request (a server that does as much per
 * request as the stub spends of its own); autocannon, 10 connections, 2 s of warm-up and 3 s
 * measured per server, the variants alternated for two rounds. Reports req/s and the server's CPU
 * per request (`/proc/PID/schedstat`).
 *
 * Usage: node bench/write-batch-probe.mjs [--busy 15] [--rounds 2]
 */
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { cpuUsOf, stop } from './support.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const BUSY_US = arg('--busy', 15);
const ROUNDS = arg('--rounds', 2);

const serverSource = `
const [batched, busyUs] = [process.argv[1] === 'batched', Number(process.argv[2])];
const body = Buffer.from(JSON.stringify({ success: true, data: { id: 'prd_1', name: 'x'.repeat(180) } }));
const head = { 'content-type': 'application/json', 'content-length': String(body.length) };
const spin = () => { const end = process.hrtime.bigint() + BigInt(busyUs * 1000); while (process.hrtime.bigint() < end); };
let pending = [];
const flush = () => { const batch = pending; pending = []; for (const res of batch) { res.writeHead(200, head); res.end(body); } };
require('node:http').createServer((req, res) => {
  if (busyUs > 0) spin();
  if (!batched) { res.writeHead(200, head); res.end(body); return; }
  if (pending.length === 0) setImmediate(flush);
  pending.push(res);
}).listen(0, '127.0.0.1', function () { console.log('PORT ' + this.address().port); });`;

async function start(mode, busyUs) {
  const child = spawn(process.execPath, ['-e', serverSource, mode, String(busyUs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolve) =>
    child.stdout.on('data', (d) => {
      const m = /PORT (\d+)/.exec(String(d));
      if (m) resolve(m[1]);
    }),
  );
  return { child, url: `http://127.0.0.1:${port}/` };
}

const variants = [0, BUSY_US].flatMap((busy) => [
  ['immediate', busy],
  ['batched', busy],
]);
console.log('server      spin µs   req/s   CPU µs/req   p99 ms');
for (let round = 0; round < ROUNDS; round++) {
  for (const [mode, busy] of variants) {
    const { child, url } = await start(mode, busy);
    try {
      await autocannon({ url, connections: 10, duration: 2 });
      const before = cpuUsOf([child.pid]);
      const result = await autocannon({ url, connections: 10, duration: 3 });
      const after = cpuUsOf([child.pid]);
      const cpu =
        before === null || after === null ? 'n/a' : ((after - before) / result.requests.total).toFixed(1);
      console.log(
        `${mode.padEnd(11)} ${String(busy).padStart(7)} ${String(Math.round(result.requests.average)).padStart(7)} ${String(cpu).padStart(12)} ${String(result.latency.p99).padStart(8)}`,
      );
    } finally {
      await stop(child);
    }
  }
}

/**
 * @module The in-memory idempotency store's memory over 200,000 distinct `Idempotency-Key`s
 * (`REGEN_BENCH_SMOKE=1`: 20,000), each a completed request with a 1 KB answer kept for replay:
 * RSS and heap after 0, 25 %, 50 %, 75 % and 100 % of the keys, once with the 24-hour TTL (no key
 * expires during the run: everything is kept, the cap never drops a live record) and once with a
 * 10-second TTL on a simulated clock (1 ms per request, so about 10,000 keys are live at a time and
 * the rest expire). Each mode runs in its own process, driving `IdempotencyStore` from the
 * TypeScript sources through tsx, with a forced GC before each reading.
 *
 *   node bench/idempotency-bench.mjs
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { root, SMOKE } from './support.mjs';

const KEYS = SMOKE ? 20_000 : 200_000;
const STEPS = 4;
const MODES = {
  'no expiry (24 h TTL)': 24 * 3_600_000,
  'expiry (10 s TTL, 1 ms per request)': 10_000,
};
const MiB = (bytes) => Math.round((bytes / 1_048_576) * 10) / 10;

async function measure(ttlMs) {
  const { IdempotencyStore } = await import('../packages/stub/src/idempotency/store.ts');
  let now = Date.now();
  const store = new IdempotencyStore({ ttlMs, now: () => now });
  const scope = 'key_6Yb3Nm8Kd2S';
  const pad = 'x'.repeat(900);
  const readings = [];
  const read = (keys) => {
    globalThis.gc();
    const { rss, heapUsed } = process.memoryUsage();
    readings.push({ keys, rss: MiB(rss), heap: MiB(heapUsed), records: store.size });
  };
  read(0);
  for (let i = 1; i <= KEYS; i++) {
    const key = `${scope}\n${randomUUID()}`;
    const fingerprint = createHash('sha256').update(`POST /api/v1/orders\n${i}`).digest('hex');
    const outcome = store.begin(key, fingerprint);
    if (outcome.kind !== 'proceed') throw new Error(`key ${i}: ${outcome.kind}`);
    outcome.complete({ status: 201, body: `{"data":{"id":"ord_${i}","note":"${pad}"}}` });
    now += 1;
    if (i % (KEYS / STEPS) === 0) read(i);
  }
  return readings;
}

if (process.argv[2] === '--child') {
  console.log(JSON.stringify(await measure(Number(process.argv[3]))));
} else {
  const self = fileURLToPath(import.meta.url);
  console.log(`IdempotencyStore (memory mode), ${KEYS.toLocaleString('en')} distinct keys, 1 KB answers`);
  for (const [mode, ttlMs] of Object.entries(MODES)) {
    const child = spawnSync(
      process.execPath,
      ['--conditions=@regen/source', '--import', 'tsx', '--expose-gc', self, '--child', String(ttlMs)],
      { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
    );
    if (child.status !== 0) throw new Error(`${mode} failed: ${child.stderr}`);
    const readings = JSON.parse(child.stdout.trim().split('\n').pop());
    console.log(`\n${mode}`);
    console.log('| keys    | records kept | RSS MiB | heap MiB |');
    console.log('| ------- | ------------ | ------- | -------- |');
    for (const r of readings) {
      console.log(
        `| ${r.keys.toLocaleString('en').padEnd(7)} | ${r.records.toLocaleString('en').padEnd(12)} | ${String(r.rss).padEnd(7)} | ${String(r.heap).padEnd(8)} |`,
      );
    }
  }
}

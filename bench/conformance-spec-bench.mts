/**
 * @module Benchmark of `regen-conformance --spec` (not a test): what comparing the checked contract
 * with the server's costs a run. The built CLI of this checkout, against one reference stub at the
 * README's limits, the same schema run three ways, alternating round by round so a noisy moment
 * of the machine hits all alike:
 *   - `plain`: the bundled contract, no comparison;
 *   - `same`: `--spec` naming a copy of the bundled contract: the server's /openapi.json is read
 *     and compared, nothing differs (the cost of turning the feature on);
 *   - `older`: `--spec` naming an older version (Product.sku was stockCode, limit ≤ 500), failures
 *     attributed to the changes (`--allow-predicted`).
 * Also the comparison alone, in-process (read /openapi.json, regen-diff): median ms.
 * Needs `npm run build`. `REGEN_BENCH_SMOKE=1`: one round, a smoke test of the script.
 *
 * Usage: npx tsx bench/conformance-spec-bench.mts [--rounds 5] [--json PATH]
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { compareWithServed } from '../packages/conformance/src/contract-changes/served-contract.ts';
import { contract } from '../packages/conformance/test/support/contract.ts';
import { ADMIN_KEY, startTestStub } from '../test/support/stub-server.ts';
import { root, SMOKE, value } from './support.mjs';

const run = promisify(execFile);
const ROUNDS = SMOKE ? 1 : Number(value('--rounds', '5'));
const JSON_PATH: string | undefined = value('--json', undefined);
const LIMITS = 'standard=100000/1h,burst=10000/1m,write=100000/1h,auth=40/15m';
const OPERATIONS = 'getHealth,listProducts,getProduct,createProduct,listOrders,getOrder';
const CLI = path.join(root, 'packages/conformance/dist/cli.js');

const dir = mkdtempSync(path.join(os.tmpdir(), 'regen-spec-bench-'));
const same = path.join(dir, 'same.json');
writeFileSync(same, JSON.stringify(contract.document));
const older = path.join(dir, 'older.json');
{
  const document = structuredClone(contract.document) as {
    components: {
      schemas: { Product: { required: string[]; properties: Record<string, unknown> } };
      parameters: { Limit: { schema: { maximum: number } } };
    };
  };
  const product = document.components.schemas.Product;
  const { sku, ...rest } = product.properties;
  product.properties = { ...rest, stockCode: sku };
  product.required = product.required.map((n) => (n === 'sku' ? 'stockCode' : n));
  document.components.parameters.Limit.schema.maximum = 500;
  writeFileSync(older, JSON.stringify(document));
}

const VARIANTS = {
  plain: [] as string[],
  same: ['--spec', same],
  older: ['--spec', older, '--allow-predicted'],
} as const;
type Variant = keyof typeof VARIANTS;

interface Outcome {
  readonly seconds: number;
  readonly exitCode: number;
  readonly failed: number;
  readonly requests: number;
  readonly predicted: number;
}

async function once(url: string, variant: Variant): Promise<Outcome> {
  const reportFile = path.join(dir, `report-${variant}.json`);
  const args = [CLI, '--base-url', url, '--seed', '20261206', '--suite', 'schema', '--max-examples', '3'];
  args.push('--operations', OPERATIONS, '--rate-limits', LIMITS, ...VARIANTS[variant]);
  args.push('--report', 'json', '--report-file', reportFile);
  const started = performance.now();
  let exitCode = 0;
  try {
    await run(process.execPath, args, { env: { ...process.env, REGEN_API_KEY: ADMIN_KEY } });
  } catch (error) {
    exitCode = (error as { code?: number }).code ?? -1;
    // 1 is a run with failures; anything else did not run as measured.
    if (exitCode !== 1)
      throw new Error(`${variant}: exit ${exitCode}\n${(error as { stderr?: string }).stderr ?? ''}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
    summary: { failed: number; requests: number };
    contractChanges?: { predictedTestcases?: number };
  };
  return {
    seconds,
    exitCode,
    failed: report.summary.failed,
    requests: report.summary.requests,
    predicted: report.contractChanges?.predictedTestcases ?? 0,
  };
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const stub = await startTestStub({ rateLimits: LIMITS });
const outcomes: Record<Variant, Outcome[]> = { plain: [], same: [], older: [] };
const compareMs: number[] = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of Object.keys(VARIANTS) as Variant[])
      outcomes[variant].push(await once(stub.url, variant));
    const t = performance.now();
    const served = await compareWithServed(contract, `${stub.url}/openapi.json`);
    compareMs.push(performance.now() - t);
    if (!served.ok) throw new Error(served.reason);
  }
} finally {
  await stub.close();
  rmSync(dir, { recursive: true, force: true });
}

const wall = (v: Variant) => median(outcomes[v].map((o) => o.seconds));
const last = (v: Variant) => outcomes[v].at(-1) as Outcome;
const lines = [
  `| run | wall s (median of ${ROUNDS}) | failed | predicted | requests | exit |`,
  '|---|---|---|---|---|---|',
  ...(Object.keys(VARIANTS) as Variant[]).map(
    (v) =>
      `| ${v} | ${wall(v).toFixed(2)} | ${last(v).failed} | ${last(v).predicted} | ${last(v).requests} | ${last(v).exitCode} |`,
  ),
  '',
  `comparison alone (read /openapi.json, regen-diff), in-process: ${median(compareMs).toFixed(0)} ms median`,
];
console.log(lines.join('\n'));

if (JSON_PATH) {
  const ratio = (v: Variant) => Number((wall(v) / wall('plain')).toFixed(3));
  const command = `npx tsx bench/conformance-spec-bench.mts --rounds ${ROUNDS}`;
  const summary = {
    title: 'regen-conformance --spec: the cost of comparing contracts',
    command,
    rows: [
      {
        case: '--spec (a copy of the bundled contract): /openapi.json read and compared, nothing differs',
        ratio: ratio('same'),
        against: 'the same run without --spec',
        target: null,
        met: null,
        detail: `${wall('same').toFixed(2)} s vs ${wall('plain').toFixed(2)} s wall, median of ${ROUNDS}`,
      },
      {
        case: '--spec OLD: failures attributed to contract changes',
        ratio: ratio('older'),
        against: 'the same run without --spec',
        target: null,
        met: null,
        detail: `${wall('older').toFixed(2)} s vs ${wall('plain').toFixed(2)} s wall; ${last('older').failed} failed, ${last('older').predicted} predicted; comparison alone ${median(compareMs).toFixed(0)} ms`,
      },
    ],
  };
  writeFileSync(JSON_PATH, `${JSON.stringify({ rounds: ROUNDS, outcomes, compareMs, summary }, null, 2)}\n`);
}

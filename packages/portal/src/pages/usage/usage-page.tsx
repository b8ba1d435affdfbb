import type { ApiKey, UsageSeries } from '@regen/contract';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { PageHeading } from '../../components/page-heading.tsx';
import { ProblemBanner } from '../../components/problem-banner.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { formatMs, formatPercent, formatTime } from '../../format.ts';
import { listModeKeys } from '../../session/mode-keys.ts';
import { usePortal } from '../../session/portal-context.ts';
import { useRunner } from '../../session/use-runner.ts';
import { Chart, type ChartSeries } from './chart.tsx';
import { UsageTotals } from './usage-totals.tsx';

/** The three periods: the contract's default range of each granularity (60 minutes, 24 hours, 7 days). */
const PERIODS = [
  { granularity: 'minute', label: 'Last hour (by minute)' },
  { granularity: 'hour', label: 'Last 24 hours (by hour)' },
  { granularity: 'day', label: 'Last 7 days (by day)' },
] as const;

type Granularity = (typeof PERIODS)[number]['granularity'];

/** Requests over time by status class, error rate, 429s and p95 duration; all keys or one. */
export function UsagePage() {
  const { session, can } = usePortal();
  const { client, mode } = session;
  const runner = useRunner();
  const [granularity, setGranularity] = useState<Granularity>('hour');
  const [keyId, setKeyId] = useState('');
  const [keys, setKeys] = useState<ApiKey[]>([]);
  const [usage, setUsage] = useState<UsageSeries | null>(null);

  useEffect(() => {
    if (!can('read:api_keys')) return;
    void runner.run(async () => setKeys(await listModeKeys(client, mode)));
  }, [client, mode, can, runner.run]);

  const load = useCallback(async () => {
    const series = await runner.run(() =>
      client.usage.series(keyId ? { granularity, keyId } : { granularity }),
    );
    if (series) setUsage(series);
  }, [client, granularity, keyId, runner.run]);
  useEffect(() => void load(), [load]);

  const charts = useMemo(() => (usage ? chartData(usage) : null), [usage]);
  const totals = usage?.totals;
  const s = totals?.statuses;
  const errors = s ? s.status4xx + s.status429 + s.status5xx : 0;

  return (
    <section>
      <PageHeading title="Usage" />
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        <SelectField label="Key" value={keyId} onChange={setKeyId}>
          <option value="">All keys and sessions</option>
          {keys.map((key) => (
            <option key={key.id} value={key.id}>
              {key.name} ({key.keyPrefix}…{key.lastFour})
            </option>
          ))}
        </SelectField>
        <fieldset>
          <legend>Period</legend>
          {PERIODS.map((p) => (
            <label class="inline" key={p.granularity}>
              <input
                type="radio"
                name="period"
                checked={granularity === p.granularity}
                onChange={() => setGranularity(p.granularity)}
              />
              {p.label}
            </label>
          ))}
        </fieldset>
        <button type="button" onClick={() => void load()} disabled={runner.busy}>
          Refresh
        </button>
      </form>
      <ProblemBanner problem={runner.problem} onRetry={() => void load()} />
      {usage && totals && s && charts ? (
        <>
          <p class="lede">
            {formatTime(usage.from)} to {formatTime(usage.to)}, {mode} data: {totals.requests} requests, error
            rate {formatPercent(errors, totals.requests)}, {s.status429} rate-limited (429), p95{' '}
            {formatMs(totals.p95Ms)}.
          </p>
          <UsageTotals usage={usage} />
          <Chart
            title="Requests by status class"
            unit="requests"
            times={charts.times}
            series={charts.statuses}
            summary={`Requests by status class: ${totals.requests} in total, ${s.status2xx} 2xx, ${s.status4xx} 4xx, ${s.status429} 429, ${s.status5xx} 5xx.`}
          />
          <Chart
            title="Error rate (4xx, 429 and 5xx, %)"
            unit="%"
            times={charts.times}
            series={charts.errorRate}
            summary={`Error rate: ${formatPercent(errors, totals.requests)} over the period; 429s: ${s.status429}.`}
          />
          <Chart
            title="Duration, 95th percentile (ms)"
            unit="ms"
            times={charts.times}
            series={charts.p95}
            summary={`95th-percentile duration over the period: ${formatMs(totals.p95Ms)}; median ${formatMs(totals.p50Ms)}.`}
          />
        </>
      ) : (
        <p>{runner.busy ? 'Loading usage…' : ''}</p>
      )}
    </section>
  );
}

/** Columns for uPlot: bucket starts (Unix seconds) and one array per line. */
function chartData(usage: UsageSeries): {
  times: number[];
  statuses: ChartSeries[];
  errorRate: ChartSeries[];
  p95: ChartSeries[];
} {
  const b = usage.buckets;
  const times = b.map((bucket) => Date.parse(bucket.start) / 1000);
  return {
    times,
    statuses: [
      { label: '2xx', color: '#1b7f3b', values: b.map((x) => x.statuses.status2xx) },
      { label: '4xx', color: '#b35900', values: b.map((x) => x.statuses.status4xx) },
      { label: '429', color: '#7b3fb0', values: b.map((x) => x.statuses.status429) },
      { label: '5xx', color: '#c0262d', values: b.map((x) => x.statuses.status5xx) },
    ],
    errorRate: [
      {
        label: 'error rate %',
        color: '#c0262d',
        values: b.map((x) =>
          x.requests === 0
            ? null
            : ((x.statuses.status4xx + x.statuses.status429 + x.statuses.status5xx) / x.requests) * 100,
        ),
      },
    ],
    p95: [{ label: 'p95 ms', color: '#0b57d0', values: b.map((x) => x.p95Ms) }],
  };
}

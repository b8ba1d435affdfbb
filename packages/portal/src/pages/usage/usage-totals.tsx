import type { UsageSeries } from '@regen/contract';
import { formatMs, formatPercent } from '../../format.ts';

/** The totals as a table: the charts' text alternative in figures. */
export function UsageTotals({ usage }: { usage: UsageSeries }) {
  const t = usage.totals;
  const s = t.statuses;
  return (
    <table class="totals">
      <caption>Totals for the period</caption>
      <thead>
        <tr>
          <th scope="col">Requests</th>
          <th scope="col">2xx</th>
          <th scope="col">4xx</th>
          <th scope="col">429</th>
          <th scope="col">5xx</th>
          <th scope="col">Error rate</th>
          <th scope="col">p50</th>
          <th scope="col">p95</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td data-total="requests">{t.requests}</td>
          <td>{s.status2xx}</td>
          <td>{s.status4xx}</td>
          <td>{s.status429}</td>
          <td>{s.status5xx}</td>
          <td>{formatPercent(s.status4xx + s.status429 + s.status5xx, t.requests)}</td>
          <td>{formatMs(t.p50Ms)}</td>
          <td>{formatMs(t.p95Ms)}</td>
        </tr>
      </tbody>
    </table>
  );
}

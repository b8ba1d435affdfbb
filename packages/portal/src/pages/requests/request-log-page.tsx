import type { ApiKey, RequestLogEntry } from '@regen/contract';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { PageHeading } from '../../components/page-heading.tsx';
import { ProblemBanner } from '../../components/problem-banner.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { formatTime } from '../../format.ts';
import { listModeKeys } from '../../session/mode-keys.ts';
import { usePortal } from '../../session/portal-context.ts';
import { useRunner } from '../../session/use-runner.ts';
import { RequestDetails } from './request-details.tsx';

const STATUSES = ['2xx', '4xx', '429', '5xx'] as const;
const RANGES = [
  { value: '', label: 'Any time', ms: 0 },
  { value: '1h', label: 'Last hour', ms: 3_600_000 },
  { value: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
] as const;

interface Filters {
  keyId: string;
  status: '' | (typeof STATUSES)[number];
  operationId: string;
  range: (typeof RANGES)[number]['value'];
}

const PAGE_SIZE = 25;

/** The account's logged requests in this mode, newest first: filters, "Load more" by cursor, details. */
export function RequestLogPage() {
  const { session, can } = usePortal();
  const { client, mode } = session;
  const runner = useRunner();
  const [filters, setFilters] = useState<Filters>({ keyId: '', status: '', operationId: '', range: '' });
  const [entries, setEntries] = useState<RequestLogEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [keys, setKeys] = useState<ApiKey[]>([]);
  const [open, setOpen] = useState<RequestLogEntry | null>(null);

  useEffect(() => {
    if (!can('read:api_keys')) return;
    void runner.run(async () => setKeys(await listModeKeys(client, mode)));
  }, [client, mode, can, runner.run]);

  const fetchPage = useCallback(
    async (after: string | null) => {
      const ms = RANGES.find((r) => r.value === filters.range)?.ms ?? 0;
      const query = {
        limit: PAGE_SIZE,
        ...(after ? { cursor: after } : {}),
        ...(filters.keyId ? { keyId: filters.keyId } : {}),
        ...(filters.status ? { status: filters.status } : {}),
        ...(filters.operationId.trim() ? { operationId: filters.operationId.trim() } : {}),
        ...(ms ? { from: new Date(Date.now() - ms).toISOString() } : {}),
      };
      const page = await runner.run(() => client.usage.requests.list(query));
      if (!page) return;
      setEntries((previous) => (after && previous ? [...previous, ...page.data] : page.data));
      setCursor(page.hasMore ? page.nextCursor : null);
    },
    [client, filters, runner.run],
  );
  useEffect(() => void fetchPage(null), [fetchPage]);

  const set = <K extends keyof Filters>(name: K, value: Filters[K]) =>
    setFilters((previous) => ({ ...previous, [name]: value }));

  return (
    <section>
      <PageHeading title="Request log" />
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        {can('read:api_keys') ? (
          <SelectField label="Key" value={filters.keyId} onChange={(v) => set('keyId', v)}>
            <option value="">Any credential</option>
            {keys.map((key) => (
              <option key={key.id} value={key.id}>
                {key.name} ({key.keyPrefix}…{key.lastFour})
              </option>
            ))}
          </SelectField>
        ) : (
          <label>
            Key
            <input
              value={filters.keyId}
              placeholder="key_…"
              onChange={(e) => set('keyId', e.currentTarget.value)}
            />
          </label>
        )}
        <SelectField
          label="Status"
          value={filters.status}
          onChange={(v) => set('status', v as Filters['status'])}
        >
          <option value="">Any status</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
        <label>
          Operation
          <input
            value={filters.operationId}
            placeholder="listOrders"
            onChange={(e) => set('operationId', e.currentTarget.value)}
          />
        </label>
        <SelectField
          label="Time range"
          value={filters.range}
          onChange={(v) => set('range', v as Filters['range'])}
        >
          {RANGES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </SelectField>
        <button type="button" onClick={() => void fetchPage(null)} disabled={runner.busy}>
          Refresh
        </button>
      </form>
      <ProblemBanner problem={runner.problem} onRetry={() => void fetchPage(null)} />
      {entries === null ? <p>{runner.busy ? 'Loading requests…' : ''}</p> : null}
      {entries && entries.length === 0 ? <p>No requests match.</p> : null}
      {entries && entries.length > 0 ? (
        <table class="log">
          <caption class="visually-hidden">Logged requests, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Request</th>
              <th scope="col">Status</th>
              <th scope="col">Duration</th>
              <th scope="col">Credential</th>
              <th scope="col">Operation</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.requestId} data-request-id={entry.requestId}>
                <td>{formatTime(entry.createdAt)}</td>
                <td>
                  <button
                    type="button"
                    class="link"
                    aria-label={`Details of ${entry.method} ${entry.path} at ${formatTime(entry.createdAt)}`}
                    onClick={() => setOpen(entry)}
                  >
                    {entry.method} {entry.path}
                  </button>
                </td>
                <td>
                  <span class={`badge s${String(entry.status).charAt(0)}xx`}>{entry.status}</span>
                </td>
                <td>{entry.durationMs} ms</td>
                <td>
                  <code>{entry.credential.keyPrefix ?? entry.credential.type}</code>
                </td>
                <td>{entry.operationId}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {cursor ? (
        <p>
          <button type="button" onClick={() => void fetchPage(cursor)} disabled={runner.busy}>
            Load more
          </button>
        </p>
      ) : null}
      {open ? <RequestDetails entry={open} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}

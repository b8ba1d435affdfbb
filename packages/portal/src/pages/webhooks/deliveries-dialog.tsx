import type { Data } from '@regen/client';
import type { WebhookEndpoint } from '@regen/contract';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog.tsx';
import { ProblemBanner } from '../../components/problem-banner.tsx';
import { formatTime } from '../../format.ts';
import { usePortal } from '../../session/portal-context.ts';
import { useRunner } from '../../session/use-runner.ts';

type Delivery = Data<'listWebhookDeliveries'>[number];
type Attempt = Delivery['attempts'][number];

const outcome = (a: Attempt) => (a.statusCode === null ? (a.error ?? 'no answer') : `HTTP ${a.statusCode}`);

/** An endpoint's recent deliveries (at most 20, newest first), each with its status and every attempt. */
export function DeliveriesDialog({ endpoint, onClose }: { endpoint: WebhookEndpoint; onClose: () => void }) {
  const { client } = usePortal().session;
  const runner = useRunner();
  const [deliveries, setDeliveries] = useState<Delivery[] | null>(null);
  const load = useCallback(async () => {
    const found = await runner.run(() => client.webhooks.deliveries(endpoint.id));
    if (found) setDeliveries(found);
  }, [client, endpoint.id, runner.run]);
  useEffect(() => void load(), [load]);
  return (
    <Dialog title={`Recent deliveries to ${endpoint.url}`} onClose={onClose}>
      <ProblemBanner problem={runner.problem} onRetry={() => void load()} />
      {deliveries && deliveries.length === 0 ? <p>No deliveries yet.</p> : null}
      {deliveries && deliveries.length > 0 ? (
        <table class="deliveries">
          <caption class="visually-hidden">Recent deliveries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.eventId}>
                <th scope="row">
                  {d.eventType}
                  <div class="hint">
                    <code>{d.eventId}</code>
                  </div>
                </th>
                <td>
                  <span class={`badge ${d.status}`}>{d.status}</span>
                </td>
                <td>
                  <ol class="attempts">
                    {d.attempts.map((a) => (
                      <li key={a.attempt}>
                        {formatTime(a.at)}: {outcome(a)}
                      </li>
                    ))}
                  </ol>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div class="actions">
        <button type="button" onClick={() => void load()} disabled={runner.busy}>
          Refresh
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

import type { WebhookEndpoint, WebhookEventType } from '@regen/contract';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { PageHeading } from '../../components/page-heading.tsx';
import { ProblemBanner } from '../../components/problem-banner.tsx';
import { SecretDialog } from '../../components/secret-dialog.tsx';
import { formatTime } from '../../format.ts';
import { usePortal } from '../../session/portal-context.ts';
import { useRunner } from '../../session/use-runner.ts';
import { DeliveriesDialog } from './deliveries-dialog.tsx';
import { WebhookFormDialog } from './webhook-form-dialog.tsx';

type Open =
  | { readonly kind: 'none' }
  | { readonly kind: 'create' }
  | { readonly kind: 'deliveries'; readonly endpoint: WebhookEndpoint }
  | { readonly kind: 'secret'; readonly url: string; readonly secret: string };

/** Webhook endpoints of this mode: list, and for `write:webhooks` holders add one (its signing secret shown once). */
export function WebhooksPage() {
  const { session, can } = usePortal();
  const { client } = session;
  const runner = useRunner();
  const [endpoints, setEndpoints] = useState<WebhookEndpoint[] | null>(null);
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const [done, setDone] = useState('');

  const load = useCallback(async () => {
    const all = await runner.run(async () => {
      const found: WebhookEndpoint[] = [];
      for await (const endpoint of client.webhooks.list({ limit: 100 })) found.push(endpoint);
      return found;
    });
    if (all) setEndpoints(all);
  }, [client, runner.run]);
  useEffect(() => void load(), [load]);

  const create = async (value: { url: string; events: WebhookEventType[]; description: string }) => {
    const body = { url: value.url, events: value.events };
    const created = await runner.run(() =>
      client.webhooks.create(value.description ? { ...body, description: value.description } : body),
    );
    if (!created) return;
    setDone(`Endpoint ${created.url} added.`);
    setOpen({ kind: 'secret', url: created.url, secret: created.secret });
    await load();
  };

  return (
    <section>
      <PageHeading title="Webhooks" />
      <p class="lede">
        Endpoints that receive signed events (Regen-Signature) from your {session.mode} data, and the recent
        deliveries to each, with every attempt.
      </p>
      {can('write:webhooks') ? (
        <p>
          <button type="button" class="primary" onClick={() => setOpen({ kind: 'create' })}>
            Add endpoint
          </button>
        </p>
      ) : null}
      <ProblemBanner problem={runner.problem} onRetry={() => void load()} />
      <p role="status" class="status">
        {done}
      </p>
      {endpoints && endpoints.length === 0 ? <p>No endpoints yet.</p> : null}
      {endpoints && endpoints.length > 0 ? (
        <table>
          <caption class="visually-hidden">Webhook endpoints</caption>
          <thead>
            <tr>
              <th scope="col">URL</th>
              <th scope="col">Events</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col">Deliveries</th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map((e) => (
              <tr key={e.id}>
                <th scope="row">
                  <code>{e.url}</code>
                  {e.description ? <div class="hint">{e.description}</div> : null}
                </th>
                <td>
                  <ul class="chips">
                    {e.events.map((type) => (
                      <li key={type}>{type}</li>
                    ))}
                  </ul>
                </td>
                <td>
                  <span class={`badge ${e.status}`}>{e.status}</span>
                </td>
                <td>{formatTime(e.createdAt)}</td>
                <td>
                  <button
                    type="button"
                    aria-label={`Deliveries to ${e.url}`}
                    onClick={() => setOpen({ kind: 'deliveries', endpoint: e })}
                  >
                    Deliveries
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {open.kind === 'create' ? (
        <WebhookFormDialog
          busy={runner.busy}
          problem={runner.problem}
          onSubmit={create}
          onCancel={() => {
            runner.clear();
            setOpen({ kind: 'none' });
          }}
        />
      ) : null}
      {open.kind === 'deliveries' ? (
        <DeliveriesDialog endpoint={open.endpoint} onClose={() => setOpen({ kind: 'none' })} />
      ) : null}
      {open.kind === 'secret' ? (
        <SecretDialog
          title={`Endpoint ${open.url} added`}
          what="signing secret"
          secret={open.secret}
          note="Use it to verify the Regen-Signature header of each delivery."
          onDone={() => setOpen({ kind: 'none' })}
        />
      ) : null}
    </section>
  );
}

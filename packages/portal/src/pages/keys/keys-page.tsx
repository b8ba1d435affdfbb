import type { ApiKey } from '@regen/contract';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ProblemBanner } from '../../components/problem-banner.tsx';
import { SecretDialog } from '../../components/secret-dialog.tsx';
import { formatTime } from '../../format.ts';
import type { Problem } from '../../session/describe-error.ts';
import { listModeKeys } from '../../session/mode-keys.ts';
import { usePortal } from '../../session/portal-context.ts';
import { useRunner } from '../../session/use-runner.ts';
import { KeyFormDialog, type KeyFormValue } from './key-form-dialog.tsx';
import { type KeyAction, KeysTable } from './keys-table.tsx';

type Open =
  | { readonly kind: 'none' }
  | { readonly kind: 'create' }
  | { readonly kind: 'edit'; readonly key: ApiKey }
  | { readonly kind: 'delete'; readonly key: ApiKey }
  // The one place a secret lives in JS state, until Done.
  | { readonly kind: 'secret'; readonly title: string; readonly secret: string; readonly note?: string };

const NONE: Open = { kind: 'none' };

/** API keys of the session's mode: list, and for `write:api_keys` holders create, edit, rotate, (de)activate, delete. */
export function KeysPage() {
  const { session, can } = usePortal();
  const { client, mode } = session;
  const canRead = can('read:api_keys');
  const canWrite = can('write:api_keys');
  const runner = useRunner();
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [open, setOpen] = useState<Open>(NONE);
  const [done, setDone] = useState('');

  const load = useCallback(async () => {
    const found = await runner.run(() => listModeKeys(client, mode));
    if (found) setKeys(found);
  }, [client, mode, runner.run]);

  useEffect(() => {
    if (canRead) void load();
  }, [canRead, load]);

  /** A 404 on an action: the key went away elsewhere; say so and show the list as it is now. */
  const onGone = (problem: Problem) => {
    if (problem.kind !== 'gone') return false;
    setOpen(NONE);
    setDone('');
    void load().then(() => runner.show(problem));
    return true;
  };

  const act = async <T,>(label: string, call: () => Promise<T>): Promise<T | undefined> => {
    setDone('');
    const result = await runner.run(call, onGone);
    if (result !== undefined) {
      // The list first, then the announcement: "deleted" is read out once the row is gone.
      await load();
      setDone(label);
    }
    return result;
  };

  const submit = async (value: KeyFormValue) => {
    if (open.kind === 'edit') {
      const { key } = open;
      const updated = await act(`Key ${value.name} saved.`, () =>
        client.apiKeys.update(key.id, { name: value.name, scopes: value.scopes, expiresAt: value.expiresAt }),
      );
      if (updated) setOpen(NONE);
      return;
    }
    const body = { name: value.name, scopes: value.scopes, environment: mode };
    const created = await act(`Key ${value.name} created.`, () =>
      client.apiKeys.create(value.expiresAt ? { ...body, expiresAt: value.expiresAt } : body),
    );
    if (created) setOpen({ kind: 'secret', title: `Key ${created.name} created`, secret: created.key });
  };

  const onAction = async (action: KeyAction, key: ApiKey) => {
    if (action === 'edit' || action === 'delete') return setOpen({ kind: action, key });
    if (action === 'rotate') {
      const rotated = await act(`Key ${key.name} rotated.`, () => client.apiKeys.rotate(key.id));
      if (rotated) {
        setOpen({
          kind: 'secret',
          title: `Key ${rotated.name} rotated`,
          secret: rotated.key,
          note: `The previous secret keeps working until ${formatTime(rotated.previousKeyExpiresAt)}, then only this one does.`,
        });
      }
      return;
    }
    const call = action === 'activate' ? client.apiKeys.activate : client.apiKeys.deactivate;
    await act(`Key ${key.name} ${action}d.`, () => call.call(client.apiKeys, key.id));
  };

  if (!canRead) {
    return (
      <section>
        <PageHeading title="API keys" />
        <p class="notice" role="status">
          Your role ({session.user.role}) cannot view API keys: it does not hold the read:api_keys scope. Ask
          an owner of the account.
        </p>
      </section>
    );
  }

  return (
    <section>
      <PageHeading title="API keys" />
      <p class="lede">
        Keys of your <strong>{mode}</strong> data. A secret is shown once, when a key is created or rotated.
        {canWrite ? null : ' Your role can view keys but not change them.'}
      </p>
      {canWrite ? (
        <p>
          <button
            type="button"
            class="primary"
            onClick={() => {
              runner.clear();
              setOpen({ kind: 'create' });
            }}
          >
            Create key
          </button>
        </p>
      ) : null}
      <ProblemBanner problem={runner.problem} onRetry={() => void load()} />
      <p role="status" class="status">
        {done}
      </p>
      {keys === null ? <p>{runner.busy ? 'Loading keys…' : ''}</p> : null}
      {keys ? <KeysTable keys={keys} busy={runner.busy} onAction={canWrite ? onAction : undefined} /> : null}
      {open.kind === 'create' || open.kind === 'edit' ? (
        <KeyFormDialog
          editing={open.kind === 'edit' ? open.key : undefined}
          busy={runner.busy}
          problem={runner.problem}
          onSubmit={submit}
          onCancel={() => {
            runner.clear();
            setOpen(NONE);
          }}
        />
      ) : null}
      {open.kind === 'delete' ? (
        <ConfirmDialog
          title={`Delete key ${open.key.name}?`}
          message="Requests made with it will be refused (401) at once. This cannot be undone."
          confirmLabel="Delete"
          onCancel={() => setOpen(NONE)}
          onConfirm={async () => {
            const { key } = open;
            setOpen(NONE);
            await act(`Key ${key.name} deleted.`, () => client.apiKeys.delete(key.id));
          }}
        />
      ) : null}
      {open.kind === 'secret' ? (
        <SecretDialog
          title={open.title}
          what="API key"
          secret={open.secret}
          note={open.note}
          onDone={() => setOpen(NONE)}
        />
      ) : null}
    </section>
  );
}

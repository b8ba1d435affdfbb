import type { ApiKey } from '@regen/contract';
import { formatTime } from '../../format.ts';

/** What a row's buttons ask for. */
export type KeyAction = 'edit' | 'rotate' | 'deactivate' | 'activate' | 'delete';

interface KeysTableProps {
  readonly keys: readonly ApiKey[];
  /** Absent when the user may not change keys: no action buttons at all. */
  readonly onAction?: ((action: KeyAction, key: ApiKey) => void) | undefined;
  readonly busy: boolean;
}

/** The keys: name, prefix…last four (never a secret), scopes, environment, status, created, last used. */
export function KeysTable({ keys, onAction, busy }: KeysTableProps) {
  if (keys.length === 0) return <p>No keys yet.</p>;
  const button = (action: KeyAction, label: string, key: ApiKey, extra = '') => (
    <button
      type="button"
      class={extra}
      disabled={busy}
      aria-label={`${label} ${key.name}`}
      onClick={() => onAction?.(action, key)}
    >
      {label}
    </button>
  );
  return (
    <table class="keys">
      <caption class="visually-hidden">API keys</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Key</th>
          <th scope="col">Scopes</th>
          <th scope="col">Environment</th>
          <th scope="col">Status</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          {onAction ? <th scope="col">Actions</th> : null}
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <tr key={key.id} data-key-id={key.id}>
            <th scope="row">{key.name}</th>
            <td>
              <code>
                {key.keyPrefix}…{key.lastFour}
              </code>
            </td>
            <td>
              <ul class="chips">
                {key.scopes.map((scope) => (
                  <li key={scope}>{scope}</li>
                ))}
              </ul>
            </td>
            <td>{key.environment}</td>
            <td>
              <span class={`badge ${key.status}`}>{key.status}</span>
              {key.expiresAt ? <small> expires {formatTime(key.expiresAt)}</small> : null}
            </td>
            <td>{formatTime(key.createdAt)}</td>
            <td>{formatTime(key.lastUsedAt)}</td>
            {onAction ? (
              <td class="row-actions">
                {button('edit', 'Edit', key)}
                {button('rotate', 'Rotate', key)}
                {key.status === 'active'
                  ? button('deactivate', 'Deactivate', key)
                  : button('activate', 'Activate', key)}
                {button('delete', 'Delete', key, 'danger')}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import type { ApiKey, Scope } from '@regen/contract';
import { useRef, useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog.tsx';
import { ProblemBanner } from '../../components/problem-banner.tsx';
import type { Problem } from '../../session/describe-error.ts';
import { ScopePicker } from './scope-picker.tsx';

/** What the form gives back: the fields of `createApiKey` / `updateApiKey`. */
export interface KeyFormValue {
  readonly name: string;
  readonly scopes: Scope[];
  readonly expiresAt: string | null;
}

interface KeyFormProps {
  /** The key being edited; absent to create one. */
  readonly editing?: ApiKey | undefined;
  readonly busy: boolean;
  /** The last call's problem, shown in the dialog (the page behind is inert while it is open). */
  readonly problem: Problem | null;
  readonly onSubmit: (value: KeyFormValue) => void;
  readonly onCancel: () => void;
}

const toLocalInput = (iso: string | null | undefined) => (iso ? iso.slice(0, 16) : '');

/** Create or edit a key: Name, scopes by resource, optional expiry (a UTC date and time). */
export function KeyFormDialog({ editing, busy, problem, onSubmit, onCancel }: KeyFormProps) {
  const form = useRef<HTMLFormElement>(null);
  const [name, setName] = useState(editing?.name ?? '');
  const [scopes, setScopes] = useState<ReadonlySet<Scope>>(new Set(editing?.scopes ?? []));
  const [expires, setExpires] = useState(toLocalInput(editing?.expiresAt));
  const [error, setError] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    if (name.trim() === '') return setError('Give the key a name.');
    if (scopes.size === 0) return setError('Choose at least one scope.');
    setError('');
    onSubmit({
      name: name.trim(),
      scopes: [...scopes],
      expiresAt: expires ? new Date(`${expires}:00Z`).toISOString() : null,
    });
  };
  return (
    <Dialog title={editing ? `Edit key ${editing.name}` : 'Create an API key'} onClose={onCancel}>
      <form ref={form} onSubmit={submit} noValidate>
        <label>
          Name
          <input
            name="name"
            value={name}
            maxLength={100}
            required
            onInput={(event) => setName(event.currentTarget.value)}
          />
        </label>
        <ScopePicker selected={scopes} onChange={setScopes} />
        <label>
          Expires (optional, UTC)
          <input
            type="datetime-local"
            name="expiresAt"
            value={expires}
            onInput={(event) => setExpires(event.currentTarget.value)}
          />
        </label>
        {error ? (
          <p class="problem" role="alert">
            {error}
          </p>
        ) : null}
        <ProblemBanner problem={problem} onRetry={() => form.current?.requestSubmit()} />
        <div class="actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" disabled={busy}>
            {editing ? 'Save' : 'Create'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

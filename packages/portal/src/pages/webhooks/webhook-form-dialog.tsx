import type { WebhookEventType } from '@regen/contract';
import { useRef, useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog.tsx';
import { ProblemBanner } from '../../components/problem-banner.tsx';
import type { Problem } from '../../session/describe-error.ts';
import { EVENT_TYPES } from './event-types.ts';

interface WebhookFormProps {
  readonly busy: boolean;
  readonly problem: Problem | null;
  readonly onSubmit: (value: { url: string; events: WebhookEventType[]; description: string }) => void;
  readonly onCancel: () => void;
}

/** Add an endpoint: its HTTPS URL, the events to deliver, an optional description. */
export function WebhookFormDialog({ busy, problem, onSubmit, onCancel }: WebhookFormProps) {
  const form = useRef<HTMLFormElement>(null);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<ReadonlySet<WebhookEventType>>(new Set());
  const [error, setError] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    if (!/^https?:\/\/\S+$/.test(url.trim())) return setError('Enter the endpoint URL (https://…).');
    if (events.size === 0) return setError('Choose at least one event.');
    setError('');
    onSubmit({ url: url.trim(), events: [...events], description: description.trim() });
  };
  return (
    <Dialog title="Add a webhook endpoint" onClose={onCancel}>
      <form ref={form} onSubmit={submit} noValidate>
        <label>
          URL
          <input
            type="url"
            name="url"
            value={url}
            required
            placeholder="https://example.com/regen/webhooks"
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
        </label>
        <label>
          Description (optional)
          <input
            name="description"
            value={description}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        </label>
        <fieldset>
          <legend>Events</legend>
          {EVENT_TYPES.map((type) => (
            <label class="inline" key={type}>
              <input
                type="checkbox"
                checked={events.has(type)}
                onChange={(e) => {
                  const next = new Set(events);
                  if (e.currentTarget.checked) next.add(type);
                  else next.delete(type);
                  setEvents(next);
                }}
              />
              {type}
            </label>
          ))}
        </fieldset>
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
            Add endpoint
          </button>
        </div>
      </form>
    </Dialog>
  );
}

import { useId } from 'preact/hooks';
import { Dialog } from './dialog.tsx';

interface ConfirmProps {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/** A yes/no question before an action that cannot be undone. Cancel has the focus first. */
export function ConfirmDialog({ title, message, confirmLabel, onConfirm, onCancel }: ConfirmProps) {
  const id = useId();
  return (
    <Dialog title={title} onClose={onCancel} describedBy={id}>
      <p id={id}>{message}</p>
      <div class="actions">
        <button type="button" autofocus onClick={onCancel}>
          Cancel
        </button>
        <button type="button" class="danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

import { useId, useRef, useState } from 'preact/hooks';
import { Dialog } from './dialog.tsx';

interface SecretProps {
  readonly title: string;
  /** What the secret is, e.g. "API key". */
  readonly what: string;
  readonly secret: string;
  /** More to say, e.g. when a rotated key's previous secret stops working. */
  readonly note?: string | undefined;
  /** Must drop the secret from the caller's state too. */
  readonly onDone: () => void;
}

/**
 * Shows a secret once, with Copy (the Clipboard API; where it is refused, the text is selected
 * for Ctrl+C instead) and the warning that it will not be shown again. Done unmounts it: the
 * secret leaves the DOM, and the caller drops it from its state.
 */
export function SecretDialog({ title, what, secret, note, onDone }: SecretProps) {
  const [copied, setCopied] = useState('');
  const code = useRef<HTMLElement>(null);
  const warningId = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied to the clipboard.');
    } catch {
      const node = code.current;
      const selection = window.getSelection();
      if (node && selection) {
        const range = document.createRange();
        range.selectNodeContents(node);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setCopied('Copying is not allowed here: the secret is selected, press Ctrl+C (⌘C) to copy it.');
    }
  };
  return (
    <Dialog title={title} onClose={onDone} describedBy={warningId}>
      <p id={warningId} class="warning">
        Copy this {what} now: it will not be shown again.
      </p>
      <p>
        <code ref={code} class="secret" data-secret>
          {secret}
        </code>
      </p>
      {note ? <p>{note}</p> : null}
      <p role="status" class="status">
        {copied}
      </p>
      <div class="actions">
        <button type="button" onClick={copy}>
          Copy
        </button>
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
    </Dialog>
  );
}

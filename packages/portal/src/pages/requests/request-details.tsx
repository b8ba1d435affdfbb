import type { RequestLogEntry } from '@regen/contract';
import { useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog.tsx';
import { formatTime } from '../../format.ts';
import { curlOf } from './curl.ts';

/** One logged request in full, with "Copy as curl" (no secret in it). */
export function RequestDetails({ entry, onClose }: { entry: RequestLogEntry; onClose: () => void }) {
  const curl = curlOf(entry, window.location.origin);
  const [copied, setCopied] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(curl);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('Copying is not allowed here: select the command above and copy it.');
    }
  };
  const c = entry.credential;
  const rows: [string, string][] = [
    ['Request ID', entry.requestId],
    ['Time', formatTime(entry.createdAt)],
    ['Operation', entry.operationId],
    ['Method and path', `${entry.method} ${entry.path}`],
    ['Status', String(entry.status)],
    ['Error code', entry.errorCode ?? '—'],
    ['Duration', `${entry.durationMs} ms`],
    ['Credential', `${c.type} ${c.keyPrefix ?? c.id}`],
    ['Mode', entry.mode],
    ['Client address', entry.clientAddress],
    ['User agent', entry.userAgent ?? '—'],
  ];
  return (
    <Dialog title={`Request ${entry.requestId}`} onClose={onClose}>
      <dl class="details">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3>As curl (no secret: set REGEN_API_KEY, fill in the path)</h3>
      <pre class="curl">{curl}</pre>
      <p role="status" class="status">
        {copied}
      </p>
      <div class="actions">
        <button type="button" onClick={copy}>
          Copy as curl
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

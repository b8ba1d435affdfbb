/**
 * @module A curl command line that reproduces a request, with secrets spliced in as shell
 * variables (`"$REGEN_API_KEY"`) so the line is safe to paste into a ticket.
 */
import type { Secret } from './redact.ts';
import type { PreparedRequest } from './types.ts';

function singleQuote(text: string): string {
  return `'${text.replaceAll("'", `'"'"'`)}'`;
}

/**
 * Quotes `text` for a POSIX shell: single quotes, except each secret, which becomes a
 * double-quoted variable reference spliced between the quoted pieces.
 */
export function shellQuote(text: string, secrets: readonly Secret[] = []): string {
  const secret = secrets.find((s) => text.includes(s.value));
  if (!secret) return singleQuote(text);
  return text
    .split(secret.value)
    .map((part) => (part === '' ? '' : shellQuote(part, secrets)))
    .join(`"${secret.placeholder}"`);
}

/** The curl command for `request`. */
export function toCurl(request: PreparedRequest, secrets: readonly Secret[] = []): string {
  const parts = ['curl', '-sS', '-i', '-X', request.method, shellQuote(request.url, secrets)];
  for (const [name, value] of Object.entries(request.headers))
    parts.push('-H', shellQuote(`${name}: ${value}`, secrets));
  if (request.body !== undefined) {
    // curl would add `Content-Type: application/x-www-form-urlencoded`; an empty header suppresses it.
    const typed = Object.keys(request.headers).some((n) => n.toLowerCase() === 'content-type');
    if (!typed) parts.push('-H', singleQuote('Content-Type:'));
    parts.push('--data-binary', shellQuote(request.body, secrets));
  }
  return parts.join(' ');
}

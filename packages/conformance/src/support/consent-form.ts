/**
 * @module The OAuth consent page and its form, as a browser sees them: a valid authorization
 * request for the run's `--oauth-client`, and the form the page posts (wherever the server
 * chose: the contract leaves it to the server; the reference stub posts to /oauth/consent).
 */
import type { Case } from '../generate/case.ts';
import type { Json } from '../spec/types.ts';
import { bareCase, operation } from './cases.ts';
import type { CheckContext } from './context.ts';
import type { Exchange } from './exchange.ts';
import { authorizeRequest } from './oauth.ts';
import type { OAuthClient } from './settings.ts';

/** A login-and-consent form found on a page. */
export interface ConsentForm {
  /** Absolute URL the form posts to. */
  readonly action: URL;
  /** Hidden inputs and the approving button, as the browser would submit them. */
  readonly fields: Readonly<Record<string, string>>;
  readonly emailField: string | undefined;
  readonly passwordField: string | undefined;
}

/** A valid authorization request (PKCE S256) for `client`, with extra query parameters. */
export function authorizeCase(
  client: OAuthClient,
  description: string,
  extra: Readonly<Record<string, Json>> = {},
): Case {
  const base = authorizeRequest(
    bareCase(description, { auth: 'none', query: { state: 'conformance' } }),
    client,
  );
  return { ...base, query: { ...base.query, ...extra } };
}

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[2] ?? m[3] ?? m[4] ?? '') : undefined;
};

const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The first POST form of `html` that asks for a password, resolved against `pageUrl`. */
export function parseConsentForm(html: string, pageUrl: string): ConsentForm | undefined {
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, open = '', inner = ''] = match;
    if ((attr(open, 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const fields: Record<string, string> = {};
    let emailField: string | undefined;
    let passwordField: string | undefined;
    for (const [tag] of inner.matchAll(/<input\b[^>]*>/gi)) {
      const name = attr(tag, 'name');
      if (!name) continue;
      const type = (attr(tag, 'type') ?? 'text').toLowerCase();
      if (type === 'password') passwordField = name;
      else if (type === 'email' || /mail|user|login/i.test(name)) emailField = name;
      else if (type === 'hidden') fields[name] = unescapeHtml(attr(tag, 'value') ?? '');
    }
    if (!passwordField) continue;
    for (const [tag] of inner.matchAll(/<button\b[^>]*>/gi)) {
      const name = attr(tag, 'name');
      const value = attr(tag, 'value');
      if (name && value && /approve|allow|accept|yes|grant/i.test(value)) fields[name] = unescapeHtml(value);
    }
    return {
      action: new URL(unescapeHtml(attr(open, 'action') ?? ''), pageUrl),
      fields,
      emailField,
      passwordField,
    };
  }
  return undefined;
}

/** The form body of a login attempt with `email` and `password`. */
export function formBody(form: ConsentForm, email: string, password: string): string {
  const values = new URLSearchParams(form.fields);
  if (form.emailField) values.set(form.emailField, email);
  if (form.passwordField) values.set(form.passwordField, password);
  return values.toString();
}

/** Opens the consent page of a valid authorization request and reads its form. */
export async function openConsentForm(
  ctx: CheckContext,
  client: OAuthClient,
  extra: Readonly<Record<string, Json>> = {},
): Promise<{ exchange: Exchange; form: ConsentForm | undefined } | { reason: string }> {
  const op = operation(ctx, 'authorize');
  if (!op) return { reason: 'the contract has no authorize operation' };
  const sent = await ctx.send(
    op,
    authorizeCase(client, 'the consent page', extra),
    'probe',
    ctx.settings.seed,
  );
  if (!sent.ok) return { reason: sent.reason };
  const { response, request } = sent.exchange;
  return {
    exchange: sent.exchange,
    form: response.status === 200 ? parseConsentForm(response.bodyText, request.url) : undefined,
  };
}

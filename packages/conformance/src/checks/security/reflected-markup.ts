/**
 * @module reflected_markup: the HTML the authorization endpoint serves (consent page, its error
 * pages, and what its form post answers) reflects request input only escaped, and every HTML
 * response sends a restrictive `Content-Security-Policy` (no inline script unless hashed or
 * nonced), `X-Content-Type-Options: nosniff` and `frame-ancestors 'none'` (or
 * `X-Frame-Options: DENY`) — the contract's "HTML pages" rule ("Security").
 */
import type { OperationSpec } from '../../spec/types.ts';
import {
  authorizeCase,
  bareCase,
  type ConsentForm,
  DirectSender,
  formBody,
  fresh,
  nonce,
  type OAuthClient,
  openConsentForm,
  operation,
  probe,
} from '../../support/index.ts';
import { type CheckContext, defineCheck, type Exchange, fail, PASS, skip, type Verdict } from '../api.ts';

export const name = 'reflected_markup';

function directives(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [directive, ...values] = part.trim().split(/\s+/);
    if (directive && !out.has(directive.toLowerCase())) out.set(directive.toLowerCase(), values);
  }
  return out;
}

/** What is wrong with the security headers of an HTML response. */
export function htmlHeaderProblems(headers: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  const csp = headers['content-security-policy'];
  const parsed = directives(csp ?? '');
  if (!csp) problems.push('no Content-Security-Policy');
  else {
    const script = parsed.get('script-src') ?? parsed.get('default-src');
    if (!script)
      problems.push('its Content-Security-Policy restricts no script (no script-src or default-src)');
    else {
      const hashed = script.some((v) => /^'(nonce|sha256|sha384|sha512)-/i.test(v));
      if (script.includes("'unsafe-inline'") && !hashed)
        problems.push("its Content-Security-Policy allows inline script ('unsafe-inline')");
      const loose = script.filter((v) => v === '*' || /^(data|https?):?$/i.test(v) || v === "'unsafe-eval'");
      if (loose.length > 0)
        problems.push(`its Content-Security-Policy allows script from ${loose.join(' ')}`);
    }
  }
  if ((headers['x-content-type-options'] ?? '').trim().toLowerCase() !== 'nosniff')
    problems.push('no X-Content-Type-Options: nosniff');
  const ancestors = parsed.get('frame-ancestors');
  const denied = ancestors?.length === 1 && ancestors[0] === "'none'";
  if (!denied && (headers['x-frame-options'] ?? '').trim().toUpperCase() !== 'DENY')
    problems.push("no frame-ancestors 'none' (nor X-Frame-Options: DENY)");
  return problems;
}

/** Judges one response for a payload whose marker is `tag`. */
export function judgeReflection(exchange: Exchange, tag: string, where: string): Verdict {
  const { headers, bodyText, status } = exchange.response;
  const type = headers['content-type'];
  const html = type ? /html/i.test(type) : /<(!doctype|html|body|form|p)\b/i.test(bodyText);
  const asMarkup = bodyText.includes(`<${tag}`);
  const breaksAttribute = new RegExp(`<[^<>]*["']\\s*${tag}=1`).test(bodyText);
  if (!html) {
    return asMarkup && !type
      ? fail(
          `${where}: ${status} without Content-Type reflects the payload unescaped (a browser may sniff it as HTML)`,
          'unescaped',
        )
      : PASS;
  }
  const problems: string[] = [];
  if (asMarkup) problems.push('reflects the payload as markup (unescaped <)');
  if (breaksAttribute) problems.push('reflects the payload out of an attribute (unescaped quote)');
  const unescaped = problems.length > 0;
  problems.push(...htmlHeaderProblems(headers));
  if (problems.length === 0) return PASS;
  return fail(`${where}: HTML ${status} ${problems.join('; ')}`, unescaped ? 'unescaped' : 'headers');
}

/** The markup every probe reflects: `tag` marks it in an answer. */
interface Markup {
  readonly ctx: CheckContext;
  readonly op: OperationSpec;
  readonly tag: string;
  readonly payload: string;
}

/** An unknown client: the error page (400) that names it escapes it. */
async function unknownClientPageEscapes(m: Markup, client: OAuthClient | undefined): Promise<void> {
  const { ctx, op } = m;
  const unknownClient = { id: m.payload, redirectUri: client?.redirectUri ?? 'http://127.0.0.1/callback' };
  const unknown = await probe(
    ctx,
    name,
    op,
    authorizeCase(unknownClient, 'reflected_markup: markup in client_id'),
  );
  if (unknown)
    ctx.recorder.record(name, op, judgeReflection(unknown, m.tag, 'client_id with markup'), unknown);
}

/** A known client with markup in the name of an unknown parameter, and in `state`. */
async function unknownParameterPageEscapes(m: Markup, client: OAuthClient): Promise<void> {
  const { ctx, op, payload } = m;
  const extraParam = await probe(
    ctx,
    name,
    op,
    authorizeCase(client, 'reflected_markup: markup in an unknown parameter name and in state', {
      state: payload,
      [payload]: '1',
    }),
  );
  if (extraParam)
    ctx.recorder.record(
      name,
      op,
      judgeReflection(extraParam, m.tag, 'unknown parameter named with markup'),
      extraParam,
    );
}

/** The consent form's post escapes markup in client_id and a parameter name, and on a wrong password. */
async function consentPostsEscape(m: Markup, form: ConsentForm): Promise<void> {
  const { ctx, op, payload } = m;
  // Wrong passwords spend a failed-login budget: they leave from a dedicated loopback address when possible.
  const sender = new DirectSender(ctx, true);
  try {
    const email = `conformance-${fresh(10).toLowerCase()}@example.com`;
    const body = formBody(form, email, `wrong-${nonce(ctx, 12, name, 'password')}`);
    const hostile = new URL(form.action);
    const query = new URLSearchParams(hostile.search);
    query.set('client_id', payload);
    query.set(payload, '1');
    hostile.search = query.toString();
    for (const [label, url] of [
      ['consent form post with markup in client_id and a parameter name', hostile.toString()],
      ['consent form post with a wrong password (markup in state)', form.action.toString()],
    ] as const) {
      const testCase = bareCase(`reflected_markup: ${label}`, {
        auth: 'none',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
      });
      const request = { method: 'POST', url, headers: { ...testCase.headers }, body };
      const sent = await sender.sendPatiently(undefined, testCase, request);
      // A limit that will not lift in time (a failure budget spent from this address) is no verdict.
      if (!sent.ok && 'rateLimited' in sent) ctx.recorder.record(name, op, skip(`${label}: ${sent.reason}`));
      else if (!sent.ok) ctx.recorder.error(name, op, `${label}: ${sent.reason}`);
      else ctx.recorder.record(name, op, judgeReflection(sent.exchange, m.tag, label), sent.exchange);
    }
  } finally {
    sender.close();
  }
}

async function run(ctx: CheckContext): Promise<void> {
  const op = operation(ctx, 'authorize');
  if (!op || !ctx.judges(name, op)) return;
  const tag = `rgx${nonce(ctx, 8, name)}`;
  const markup: Markup = { ctx, op, tag, payload: `x" ${tag}=1 '><${tag}>` };
  const client = ctx.settings.oauthClient;
  await unknownClientPageEscapes(markup, client);
  if (!client) {
    const reason = 'the consent page and its form need a client the server knows (--oauth-client)';
    return ctx.recorder.record(name, op, { outcome: 'skip', reason });
  }
  await unknownParameterPageEscapes(markup, client);
  const page = await openConsentForm(ctx, client, { state: markup.payload });
  if ('reason' in page) return ctx.recorder.error(name, op, page.reason);
  ctx.recorder.record(
    name,
    op,
    judgeReflection(page.exchange, tag, 'consent page with markup in state'),
    page.exchange,
  );
  if (!page.form) {
    const reason = `no login form on the consent page (authorize answered ${page.exchange.response.status}): its post is not probed`;
    return ctx.recorder.record(name, op, { outcome: 'skip', reason });
  }
  await consentPostsEscape(markup, page.form);
}

export const reflectedMarkup = defineCheck({
  name,
  phase: 'security',
  suite: 'security',
  stage: 'probe',
  description:
    "HTML from the authorization endpoint and its consent form escapes reflected input and sends a restrictive CSP, nosniff and frame-ancestors 'none'.",
  run,
  clause:
    '"HTML pages" (Security): the consent page and its error pages escape every reflected value and send a restrictive CSP (`frame-ancestors \'none\'`), `nosniff`, `X-Frame-Options: DENY`',
});

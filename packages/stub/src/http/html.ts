import { createHash } from 'node:crypto';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** The `sha256-…` CSP source of an inline `<style>` or `<script>` body (CSP 3 §8.4). */
export function cspHash(body: string): string {
  return `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
}

/**
 * Headers of every HTML response beside the CSP (issue 9, defect 2): no MIME sniffing, never
 * framed (CSP `frame-ancestors` and, for old browsers, `X-Frame-Options`), no referrer (the
 * authorize URL carries `state` and the PKCE challenge).
 */
const HARDENING = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
} as const;

/** CSP of a page that runs nothing and loads nothing (error pages). */
export const LOCKED_DOWN_CSP =
  "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** CSP of `/docs`: its own script, stylesheet and `/openapi.json`, nothing inline. */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Headers of an HTML error page (precomputed: one frozen object). */
export const ERROR_PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': LOCKED_DOWN_CSP,
  ...HARDENING,
});

/** Headers of `/docs` (precomputed). */
export const DOCS_PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-cache',
  'content-security-policy': DOCS_CSP,
  ...HARDENING,
});

/**
 * Headers of the consent page: its one inline stylesheet by hash, no script at all, and its
 * form may post only to this origin — plus the origin of the client's redirect URI, because
 * browsers apply `form-action` to the redirect that answers the form post.
 */
export function consentPageHeaders(styleHash: string, redirectUri: string): Record<string, string> {
  let target = '';
  try {
    const origin = new URL(redirectUri).origin;
    if (/^https?:\/\/[A-Za-z0-9.\-[\]:]+$/.test(origin)) target = ` ${origin}`;
  } catch {
    // Not a URL: the authorize checks refused it already.
  }
  return {
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'none'; style-src ${styleHash}; base-uri 'none'; form-action 'self'${target}; frame-ancestors 'none'`,
    ...HARDENING,
  };
}

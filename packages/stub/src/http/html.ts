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
 * Headers of every HTML response beside the CSP ("Security": HTML pages): no MIME sniffing, never
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

/**
 * CSP of `/docs` (Scalar's API reference): scripts only from the stub's own files (Scalar's
 * bundle and `/docs/docs.js`, no inline script, no eval); data fetched only from this origin
 * (the document and "try it" requests). `style-src 'unsafe-inline'` is the one concession:
 * Scalar (Vue) injects its stylesheet as `<style>` elements at run time and sets `style`
 * attributes, whose contents no hash can list in advance; inline style cannot run script, and
 * with `img-src`/`font-src` limited to `'self' data:` it cannot load anything from elsewhere.
 */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

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

/** Headers of a versioned static asset (Scalar's bundle): cached for a year, never revalidated. */
export const IMMUTABLE_ASSET_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/javascript; charset=utf-8',
  'cache-control': 'public, max-age=31536000, immutable',
  vary: 'accept-encoding',
  'x-content-type-options': 'nosniff',
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

/**
 * CSP of `/portal` (the partner portal, `@regen/portal`): the page's own hashed script and
 * stylesheet only, no inline script or style, no eval; API calls only to this origin. uPlot and
 * Preact set styles through the CSSOM (`element.style`), which `style-src` does not govern, so
 * no `'unsafe-inline'` is needed.
 */
export const PORTAL_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Headers of the portal's HTML (precomputed): never stored, since it names the current asset hashes. */
export const PORTAL_PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cache-control': 'no-store',
  'content-security-policy': PORTAL_CSP,
  vary: 'accept-encoding',
  ...HARDENING,
});

/** Headers of the portal's hashed assets: cached for a year, never revalidated. */
export const PORTAL_ASSET_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cache-control': 'public, max-age=31536000, immutable',
  vary: 'accept-encoding',
  'x-content-type-options': 'nosniff',
});

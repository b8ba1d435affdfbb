import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { verifyPassword } from '../auth/password.ts';
import { DocsDocument } from '../docs/docs-document.ts';
import { DOCS_HTML, SCALAR_URL } from '../docs/page-html.ts';
import { DOCS_JS } from '../docs/page-script.ts';
import { loadScalarAsset } from '../docs/scalar-asset.ts';
import type { Services } from '../handlers/services.ts';
import {
  type AuthorizeQuery,
  approve,
  checkAuthorizeRequest,
  consentHeaders,
  consentPage,
  withParams,
} from '../handlers/support/authorize-flow.ts';
import { CLIENT_CLOSED_REQUEST, ClientClosedRequest, clientClosedResponse } from '../http/client-closed.ts';
import type { StubRequest, StubResponse } from '../http/exchange.ts';
import { DOCS_PAGE_HEADERS, ERROR_PAGE_HEADERS, escapeHtml, IMMUTABLE_ASSET_HEADERS } from '../http/html.ts';
import type { InternalRoute } from '../http/internal-route.ts';
import { mediaTypeOf, parseForm } from '../http/json-body.ts';
import { OAuthError } from '../http/oauth-error.ts';
import type { RouteDef } from '../http/router.ts';
import { portalRoutes } from '../portal/portal-routes.ts';
import type { OperationValidation } from '../validation/operation-validation.ts';
import type { Route } from './route.ts';

/** Path of the bundled contract document shipped by `@regen/contract`. */
export function contractDocumentPath(): string {
  return createRequire(import.meta.url).resolve('@regen/contract/openapi.json');
}

const FORM_LIMIT = 64 * 1024;

function staticRoute(
  body: () => string | Buffer,
  contentType: string,
  extra: Readonly<Record<string, string>> = NO_CACHE,
): InternalRoute {
  let cached: string | Buffer | undefined;
  return {
    kind: 'internal',
    handle: (_request, headers) => {
      cached ??= body();
      return {
        status: 200,
        headers: { ...headers, 'content-type': contentType, ...extra },
        body: cached,
      };
    },
  };
}

const NO_CACHE: Readonly<Record<string, string>> = Object.freeze({
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
});

/**
 * Routes served beside the contract: `/openapi.json` (the bundled contract), `/docs` and its
 * assets (Scalar's API reference, bundled into the stub: no CDN; `/docs/openapi.json`, the
 * contract with this stub as its server), `/` → `/docs`, and the consent form's
 * `POST /oauth/consent` (not `POST /oauth/authorize`, a method the contract does not give that path).
 */
export function internalRoutes(
  services: Services,
  authorizeValidation: OperationValidation,
): RouteDef<Route>[] {
  const docPath = contractDocumentPath();
  return [
    {
      method: 'GET',
      path: '/openapi.json',
      value: staticRoute(() => readFileSync(docPath), 'application/json; charset=utf-8'),
    },
    {
      method: 'GET',
      path: '/docs',
      value: staticRoute(() => DOCS_HTML, 'text/html; charset=utf-8', DOCS_PAGE_HEADERS),
    },
    {
      method: 'GET',
      path: '/docs/docs.js',
      value: staticRoute(() => DOCS_JS, 'text/javascript; charset=utf-8'),
    },
    { method: 'GET', path: '/docs/openapi.json', value: docsDocumentRoute(new DocsDocument(docPath)) },
    { method: 'GET', path: SCALAR_URL, value: scalarRoute() },
    {
      method: 'GET',
      path: '/',
      value: {
        kind: 'internal',
        handle: (_r, headers) => ({
          status: 302,
          headers: { ...headers, location: '/docs' },
          body: undefined,
        }),
      },
    },
    { method: 'POST', path: '/oauth/consent', value: consentSubmitRoute(services, authorizeValidation) },
    // The partner portal (@regen/portal): /portal, its deep links and /portal/assets/*.
    ...portalRoutes(),
  ];
}

/** The contract with this stub as its only server, for the reference page's "try it". */
function docsDocumentRoute(document: DocsDocument): InternalRoute {
  return {
    kind: 'internal',
    handle: async (request, headers) => ({
      status: 200,
      headers: { ...headers, 'content-type': 'application/json; charset=utf-8', ...NO_CACHE },
      body: await document.render(request.header('host')),
    }),
  };
}

/** Scalar's browser build: read and gzipped on the first request, then served from memory. */
function scalarRoute(): InternalRoute {
  return {
    kind: 'internal',
    handle: async (request, headers) => {
      const asset = await loadScalarAsset();
      if (asset === undefined) {
        return {
          status: 404,
          headers: { ...headers, 'content-type': 'text/plain; charset=utf-8', ...NO_CACHE },
          body: 'The API reference script is not bundled with this build of @regen/stub.',
        };
      }
      const gzip = /\bgzip\b/.test(request.header('accept-encoding') ?? '');
      const reply: Record<string, string> = { ...headers, ...IMMUTABLE_ASSET_HEADERS };
      if (gzip) reply['content-encoding'] = 'gzip';
      return { status: 200, headers: reply, body: gzip ? asset.gzip : asset.plain };
    },
  };
}

/** The consent page's form post: checks the user's credentials, then redirects with a code or `access_denied`. */
function consentSubmitRoute(services: Services, validation: OperationValidation): InternalRoute {
  return {
    kind: 'internal',
    handle: async (request: StubRequest, headers) => {
      // Every reflected value is escaped; error pages run nothing (CSP) and cannot be framed.
      const html = (status: number, body: string): StubResponse => ({
        status,
        headers: { ...headers, ...ERROR_PAGE_HEADERS },
        body,
      });
      const checked = validation.checkQuery(request.rawQuery);
      if (!checked.ok)
        return html(
          400,
          `<!doctype html><p>Invalid authorization request: ${escapeHtml(checked.details.map((d) => d.path).join(', '))}</p>`,
        );
      const query = checked.value as unknown as AuthorizeQuery;
      let requested: ReturnType<typeof checkAuthorizeRequest>;
      try {
        requested = checkAuthorizeRequest(services, query);
      } catch (error) {
        return html(
          400,
          `<!doctype html><p>${escapeHtml(error instanceof OAuthError ? error.message : 'Invalid request')}</p>`,
        );
      }
      if (mediaTypeOf(request.header('content-type')) !== 'application/x-www-form-urlencoded') {
        return html(415, '<!doctype html><p>Submit the consent form.</p>');
      }
      let raw: Buffer;
      try {
        raw = await request.readBody(FORM_LIMIT);
      } catch (error) {
        if (!(error instanceof ClientClosedRequest)) throw error;
        // The client left mid-form: its doing, logged at info and answered 499 (nothing is sent).
        services.logger.info('client closed request', {
          requestId: headers['x-request-id'],
          method: request.method,
          path: request.path,
          status: CLIENT_CLOSED_REQUEST,
        });
        return clientClosedResponse(headers);
      }
      const form = parseForm(raw);
      const redirect = (location: string): StubResponse => ({
        status: 302,
        headers: { ...headers, location, 'cache-control': 'no-store' },
        body: undefined,
      });
      if (requested === undefined || requested.length === 0) {
        return redirect(withParams(query.redirect_uri, { error: 'invalid_scope', state: query.state }));
      }
      if (form.decision !== 'approve')
        return redirect(withParams(query.redirect_uri, { error: 'access_denied', state: query.state }));
      // The same failure budget as login and /oauth/token (per address and per account).
      const attempt = await services.authFailures.begin(request.remoteAddress, form.email || undefined);
      if ('retryAfterSeconds' in attempt) {
        const refused = html(429, '<!doctype html><p>Too many failed sign-in attempts; retry later.</p>');
        refused.headers['retry-after'] = String(attempt.retryAfterSeconds);
        return refused;
      }
      await services.passwordsReady;
      const user = services.tenancy.userByEmail(form.email ?? '');
      if (!user || !(await verifyPassword(form.password ?? '', user.passwordHash))) {
        return {
          status: 401,
          headers: { ...headers, 'content-type': 'text/html; charset=utf-8', ...consentHeaders(query) },
          body: consentPage(query, request.rawQuery, requested, 'Invalid email or password'),
        };
      }
      await attempt.succeeded();
      return redirect(await approve(services, query, requested, user));
    },
  };
}

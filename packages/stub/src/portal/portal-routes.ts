import type { StubRequest, StubResponse } from '../http/exchange.ts';
import { PORTAL_ASSET_HEADERS, PORTAL_PAGE_HEADERS } from '../http/html.ts';
import type { InternalRoute } from '../http/internal-route.ts';
import type { RouteDef } from '../http/router.ts';
import { loadPortalFiles, type PortalFile } from './portal-files.ts';

const NOT_BUILT = 'The partner portal is not bundled with this build of @regen/stub (build @regen/portal).';

function plain(status: number, headers: Record<string, string>, body: string): StubResponse {
  return {
    status,
    headers: {
      ...headers,
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body,
  };
}

function send(
  request: StubRequest,
  headers: Record<string, string>,
  file: PortalFile,
  extra: Readonly<Record<string, string>>,
): StubResponse {
  const gzip = /\bgzip\b/.test(request.header('accept-encoding') ?? '');
  const reply: Record<string, string> = { ...headers, ...extra, 'content-type': file.contentType };
  if (gzip) reply['content-encoding'] = 'gzip';
  return { status: 200, headers: reply, body: gzip ? file.gzip : file.plain };
}

/** The single page: every portal path answers it, the app routes on the client. */
const page: InternalRoute = {
  kind: 'internal',
  handle: async (request, headers) => {
    const files = await loadPortalFiles();
    if (files === undefined) return plain(404, headers, NOT_BUILT);
    return send(request, headers, files.index, PORTAL_PAGE_HEADERS);
  },
};

/** A hashed asset of the build: its name changes with its content, so it is cached for a year. */
const asset: InternalRoute = {
  kind: 'internal',
  handle: async (request, headers) => {
    const files = await loadPortalFiles();
    const name = request.path.slice('/portal/assets/'.length);
    const file = files?.assets.get(name);
    if (file === undefined) return plain(404, headers, 'Not found');
    return send(request, headers, file, PORTAL_ASSET_HEADERS);
  },
};

/**
 * The partner portal (`@regen/portal`, built into the stub's `dist/portal/`): `/portal`, `/portal/`
 * and its deep links (`/portal/keys`, `/portal/requests/…`) answer `index.html`; `/portal/assets/*`
 * the hashed JS and CSS, gzipped when accepted.
 */
export function portalRoutes(): RouteDef<InternalRoute>[] {
  return [
    { method: 'GET', path: '/portal', value: page },
    { method: 'GET', path: '/portal/', value: page },
    { method: 'GET', path: '/portal/{view}', value: page },
    { method: 'GET', path: '/portal/{view}/{id}', value: page },
    { method: 'GET', path: '/portal/assets/{file}', value: asset },
  ];
}

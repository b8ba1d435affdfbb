import { useEffect, useState } from 'preact/hooks';

/** The portal's pages, each at `/portal/<view>` (the stub answers every such path with the app). */
export const VIEWS = [
  { view: 'keys', label: 'API keys' },
  { view: 'usage', label: 'Usage' },
  { view: 'requests', label: 'Request log' },
  { view: 'webhooks', label: 'Webhooks' },
] as const;

export type View = (typeof VIEWS)[number]['view'];

const BASE = '/portal/';

/** The view a path names; `/portal` and anything unknown show the API keys. */
export function viewOf(pathname: string): View {
  const name = pathname.startsWith(BASE) ? pathname.slice(BASE.length).split('/')[0] : '';
  return VIEWS.find((v) => v.view === name)?.view ?? 'keys';
}

export const hrefOf = (view: View): string => `${BASE}${view}`;

/** Client-side navigation (History API): no reload, the session stays in memory. */
export function navigate(view: View): void {
  if (viewOf(window.location.pathname) === view && window.location.pathname === hrefOf(view)) return;
  window.history.pushState(null, '', hrefOf(view));
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The current view, following back/forward and {@link navigate}. */
export function useView(): View {
  const [view, setView] = useState<View>(() => viewOf(window.location.pathname));
  useEffect(() => {
    const update = () => setView(viewOf(window.location.pathname));
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return view;
}

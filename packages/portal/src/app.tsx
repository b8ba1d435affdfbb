import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { KeysPage } from './pages/keys/keys-page.tsx';
import { RequestLogPage } from './pages/requests/request-log-page.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { UsagePage } from './pages/usage/usage-page.tsx';
import { WebhooksPage } from './pages/webhooks/webhooks-page.tsx';
import { hrefOf, navigate, useView, VIEWS, type View } from './router.ts';
import { describeError } from './session/describe-error.ts';
import { PortalContext, portalOf } from './session/portal-context.ts';
import { forgetSession, resumeSession, type Session, signOut } from './session/session.ts';

type State =
  | { readonly kind: 'resuming' }
  | { readonly kind: 'signed-out'; readonly notice: string }
  | { readonly kind: 'signed-in'; readonly session: Session };

const PAGES: Record<View, () => preact.JSX.Element> = {
  keys: KeysPage,
  usage: UsagePage,
  requests: RequestLogPage,
  webhooks: WebhooksPage,
};

/** The whole portal: sign-in, or the navigation and the current page of a session. */
export function App() {
  const [state, setState] = useState<State>({ kind: 'resuming' });
  useEffect(() => {
    resumeSession().then(
      (session) => setState(session ? { kind: 'signed-in', session } : { kind: 'signed-out', notice: '' }),
      (error: unknown) => {
        const problem = describeError(error);
        setState({ kind: 'signed-out', notice: problem.message });
      },
    );
  }, []);
  const expire = useCallback((notice: string) => {
    forgetSession();
    setState({ kind: 'signed-out', notice });
  }, []);
  if (state.kind === 'resuming') return <p class="loading">Loading…</p>;
  if (state.kind === 'signed-out') {
    return (
      <SignInPage notice={state.notice} onSignedIn={(session) => setState({ kind: 'signed-in', session })} />
    );
  }
  return <Shell session={state.session} expire={expire} />;
}

function Shell({ session, expire }: { session: Session; expire: (notice: string) => void }) {
  const view = useView();
  const portal = useMemo(() => portalOf(session, expire), [session, expire]);
  const Page = PAGES[view];
  const [leaving, setLeaving] = useState(false);
  const leave = async () => {
    setLeaving(true);
    try {
      await signOut(session);
      expire('You are signed out.');
    } catch (error) {
      // The server did not confirm: the tokens are forgotten here anyway.
      expire(`Signed out in this tab; the server could not confirm it (${describeError(error).message})`);
    }
  };
  return (
    <PortalContext.Provider value={portal}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Regen partner portal</span>
        <span class="who">
          {session.user.email} · {session.user.role.replace('CLIENT_', '').toLowerCase()} ·{' '}
          <strong>{session.mode} data</strong>
        </span>
        <button type="button" onClick={leave} disabled={leaving}>
          Sign out
        </button>
      </header>
      <nav aria-label="Portal">
        <ul>
          {VIEWS.map((v) => (
            <li key={v.view}>
              <a
                href={hrefOf(v.view)}
                aria-current={v.view === view ? 'page' : undefined}
                onClick={(event) => {
                  if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
                  event.preventDefault();
                  navigate(v.view);
                }}
              >
                {v.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main">
        <Page key={view} />
      </main>
    </PortalContext.Provider>
  );
}

import type { Mode } from '@regen/contract';
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from '../session/describe-error.ts';
import { type Session, signIn } from '../session/session.ts';

interface SignInProps {
  readonly onSignedIn: (session: Session) => void;
  /** Why the user is here again (expired session, signed out, server gone). */
  readonly notice: string;
}

/** Email, password and the data to work on (test or live); the password is never kept. */
export function SignInPage({ onSignedIn, notice }: SignInProps) {
  const [mode, setMode] = useState<Mode>('test');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = 'Sign in · Regen partner portal';
  }, []);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    setBusy(true);
    setError('');
    try {
      const session = await signIn(String(data.get('email') ?? ''), String(data.get('password') ?? ''), mode);
      onSignedIn(session);
    } catch (caught) {
      const problem = describeError(caught);
      setError(problem.kind === 'session' ? 'Wrong email or password.' : problem.message);
      setBusy(false);
    }
  };
  return (
    <main class="sign-in">
      <h1 ref={heading} tabIndex={-1}>
        Regen partner portal
      </h1>
      {notice ? (
        <p class="problem" role="alert">
          {notice}
        </p>
      ) : null}
      <form onSubmit={submit} aria-describedby="sign-in-hint">
        <label>
          Email
          <input name="email" type="email" autocomplete="username" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        <fieldset>
          <legend>Data</legend>
          {(['test', 'live'] as const).map((value) => (
            <label class="inline" key={value}>
              <input
                type="radio"
                name="mode"
                value={value}
                checked={mode === value}
                onChange={() => setMode(value)}
              />
              {value === 'test' ? 'Test data' : 'Live data'}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={busy}>
          Sign in
        </button>
        {error ? (
          <p class="problem" role="alert">
            {error}
          </p>
        ) : null}
      </form>
      <p id="sign-in-hint" class="hint">
        Demo accounts of the reference stub: demo@regen.test (owner), admin@regen.test, member@regen.test,
        viewer@regen.test; password regen-demo-password.
      </p>
    </main>
  );
}

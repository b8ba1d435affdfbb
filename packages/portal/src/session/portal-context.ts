import type { Scope } from '@regen/contract';
import { scopeSatisfies } from '@regen/contract/scopes';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Session } from './session.ts';

/** What every page needs: the session, what its user may do, and how to end it. */
export interface Portal {
  readonly session: Session;
  /** Whether the user's scopes (from `users.me()`) satisfy `scope`, wildcards included. */
  can(scope: Scope): boolean;
  /** The session is gone (refresh failed, 401): back to sign-in with `message`. */
  expire(message: string): void;
}

export const PortalContext = createContext<Portal | null>(null);

/** The portal of the signed-in user (pages render only inside a session). */
export function usePortal(): Portal {
  const portal = useContext(PortalContext);
  if (portal === null) throw new Error('usePortal() outside a session');
  return portal;
}

/** Builds the {@link Portal} of a session. */
export function portalOf(session: Session, expire: (message: string) => void): Portal {
  const held = session.user.scopes;
  return { session, expire, can: (scope) => scopeSatisfies(held, scope) };
}

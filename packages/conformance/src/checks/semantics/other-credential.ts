import type { Case } from '../../generate/case.ts';

/** Which other credential tenant_isolation was given: another account's, or the same account's other mode. */
export type Variant = 'other-account' | 'other-mode';

/** The other credential tenant_isolation attacks from, and how messages name it. */
export interface Other {
  readonly variant: Variant;
  readonly auth: Case['auth'];
  /** The option that gave it, for messages. */
  readonly option: string;
  /** What it is, for messages ("another account's"). */
  readonly whose: string;
}

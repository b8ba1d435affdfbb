import type { Mode } from '@regen/contract';

/**
 * The contract's `Mode`: which of an account's two data partitions a credential acts in. An API
 * key's `environment` fixes it (`rg_test_…` / `rg_live_…`); a JWT session chooses it at login.
 */
export type { Mode };

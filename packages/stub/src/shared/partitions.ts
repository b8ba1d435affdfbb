/**
 * The partition of the account registry (accounts, users, API keys): what authentication reads
 * before it knows the caller's account, so every request checks it is up to date.
 */
export const GLOBAL_PARTITION = 'global';

/**
 * The partition a record kind belongs to: `<accountId>/<mode>` for domain data
 * (`<accountId>/<mode>/<resource>`), {@link GLOBAL_PARTITION} for the account-wide kinds.
 */
export function partitionOfKind(kind: string): string {
  const slash = kind.lastIndexOf('/');
  return slash === -1 ? GLOBAL_PARTITION : kind.slice(0, slash);
}

/** The Redis key holding the published data version of `partition` (the registry's keeps its first name). */
export function dataVersionKey(prefix: string, partition: string): string {
  return partition === GLOBAL_PARTITION ? `${prefix}data-version` : `${prefix}data-version:${partition}`;
}

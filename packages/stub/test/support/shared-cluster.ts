/**
 * @module Instances of the stub sharing a fresh PostgreSQL database and Redis prefix, for the
 * tests of one `describe` block: started before them, stopped (and the stores dropped) after.
 */
import { afterAll, beforeAll } from 'vitest';
import { sharedStoreArgs, startCluster } from './cluster.ts';
import { createSandboxStores } from './shared-stores.ts';

type Cluster = Awaited<ReturnType<typeof startCluster>>;

/** `n` instances (default 3) started with the shared stores' arguments and `args`, behind a proxy. */
export function useSharedCluster(args: readonly string[], n = 3) {
  const holder: { stores?: ReturnType<typeof createSandboxStores>; cluster?: Cluster } = {};
  beforeAll(async () => {
    holder.stores = createSandboxStores();
    holder.cluster = await startCluster(n, [...sharedStoreArgs(holder.stores), ...args]);
  }, 180_000);
  afterAll(async () => {
    await holder.cluster?.close();
    holder.stores?.drop();
  });
  return {
    /** The database and Redis prefix (e.g. to read the tables or start another instance on them). */
    get stores() {
      return holder.stores as ReturnType<typeof createSandboxStores>;
    },
    get cluster() {
      return holder.cluster as Cluster;
    },
    /** The proxy in front of the instances. */
    get url() {
      return (holder.cluster as Cluster).url;
    },
  };
}

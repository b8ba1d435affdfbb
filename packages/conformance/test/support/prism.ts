/** @module Prism for the runner's tests: the repository's shared launcher (`test/support/prism.ts`). */
import type { ChildServer } from '../../../../test/support/child-server.ts';

export { startPrismMock as startPrism } from '../../../../test/support/prism.ts';

/** A running Prism mock. */
export type PrismMock = ChildServer;

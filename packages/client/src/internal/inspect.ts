/** `util.inspect.custom`, reached through the global symbol registry so the core imports no `node:` module. */
export const INSPECT: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;

/** The third argument Node passes to a custom inspect function. */
export type InspectFn = (value: unknown, options?: unknown) => string;

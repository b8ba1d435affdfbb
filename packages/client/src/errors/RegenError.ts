import { ERROR_BRAND, hasBrand } from '../internal/brand.ts';
import { INSPECT, type InspectFn } from '../internal/inspect.ts';

/** Base class of every error the SDK throws. */
export class RegenError extends Error {
  /** Stable class name used for cross-build `instanceof`; every subclass declares its own. */
  static readonly brand: string = 'RegenError';
  /** @internal The class chain's brands, read by `instanceof` across copies of the SDK. */
  declare readonly [ERROR_BRAND]: readonly string[];

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    const brands: string[] = [];
    for (let c: unknown = new.target; typeof c === 'function' && c !== Error; c = Object.getPrototypeOf(c)) {
      if (Object.hasOwn(c, 'brand')) brands.push((c as typeof RegenError).brand);
    }
    // Frozen: the brands are exactly the class chain, so `instanceof` never claims a class it is not.
    Object.defineProperty(this, ERROR_BRAND, { value: Object.freeze(brands) });
    Object.defineProperty(this, 'name', { value: new.target.brand, writable: true, configurable: true });
  }

  /** `instanceof` that also recognises instances created by another copy of the SDK (ESM vs CJS). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of instanceof (a subclass too)
    return Function.prototype[Symbol.hasInstance].call(this, value) || hasBrand(value, this.brand);
  }

  /** The fields worth logging; never request headers or credentials. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message };
  }

  /** @internal Node's `util.inspect` hook: the stack plus the fields of {@link toJSON}. */
  [INSPECT](_depth: number, options: unknown, inspect?: InspectFn): string {
    const fields = this.toJSON();
    delete fields.name;
    delete fields.message;
    const extra = Object.keys(fields).length && inspect ? ` ${inspect(fields, options)}` : '';
    return `${this.stack ?? `${this.name}: ${this.message}`}${extra}`;
  }
}

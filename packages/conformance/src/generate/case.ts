/** @module A generated test case: the parts of one request before serialisation. */
import type { Json } from '../spec/types.ts';

/** A request body and the media type it is serialised as. */
export interface CaseBody {
  /** `null` sends the bytes without any `Content-Type` header. */
  readonly contentType: string | null;
  readonly value: Json;
  /** Raw text to send instead of serialising `value` (malformed JSON). */
  readonly raw?: string;
}

/** One request to an operation, in parts. */
export interface Case {
  readonly pathParams: Readonly<Record<string, Json>>;
  /** Query parameters; `undefined` values are left out. */
  readonly query: Readonly<Record<string, Json>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: CaseBody | undefined;
  /** How to authenticate: with the run's credential, without any, or with given headers only. */
  readonly auth: 'default' | 'none' | { readonly headers: Readonly<Record<string, string>> };
  /** What makes this case what it is ("positive example 2", "body /items: missing required"). */
  readonly description: string;
}

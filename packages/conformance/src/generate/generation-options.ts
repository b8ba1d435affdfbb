/** @module What shapes generation beyond the schema itself (shared by the structural and scalar arbitraries). */
import type { JsonObject } from '../spec/types.ts';

/** What shapes generation beyond the schema itself. */
export interface GenerationOptions {
  readonly document: JsonObject;
  /** Ids of resources that exist on the server, by prefix (`ord`); used for id schemas. */
  readonly ids?: (prefix: string) => readonly string[] | undefined;
  /** Take documented examples whenever there are some (the "explicit examples" phase). */
  readonly preferExamples?: boolean;
  /** Where the value travels: header values must be visible ASCII (RFC 9110 §5.5). */
  readonly target?: 'body' | 'parameter' | 'header';
  /** `request`: leave out `readOnly` properties; `response`: leave out `writeOnly` ones. */
  readonly direction?: 'request' | 'response';
  /** How often documented examples are drawn against generated values (1 : 2 by default; 0: never). */
  readonly exampleWeight?: number;
}

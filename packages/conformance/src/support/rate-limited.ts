/**
 * @module How a request whose rate-limit budget will not lift within `--max-retry-wait` is
 * reported: the reason starts with this, and the recorder reports such a testcase skipped with
 * it — never passed (it was not judged) and never failed (a 429 says nothing about the request).
 */
export const RATE_LIMITED = 'rate-limited, not judged';

/**
 * Pairs of the corpus that regen-diff and oasdiff classify at different levels, with which is right
 * and why (the README's agreement table). Filled from a run of test/oasdiff.test.ts.
 */
export const DISAGREEMENTS: Readonly<Record<string, string>> = {};

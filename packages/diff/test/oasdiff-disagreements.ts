/**
 * Pairs of the corpus that regen-diff and oasdiff 1.39.0 (`oasdiff changelog`) classify at different
 * levels, with which is right and why. The README's agreement table is made from this list and the
 * table test/oasdiff.test.ts writes to bench/results/oasdiff-agreement.md.
 */

const WEBHOOK =
  'oasdiff reads a webhook payload as a request to the receiver (POST webhook:payout.paid) and rates it from the sender’s side; ' +
  'our clients are the receivers, who parse the payload as they parse a response. ';
const ISSUE_LEVEL = 'regen-diff’s rule list (its README, “Rules”) ';

export const DISAGREEMENTS: Readonly<Record<string, string>> = {
  'remove a query parameter':
    'regen-diff (breaking): a client still sending it loses what it asked for (a filter silently ignored widens the result); oasdiff warns because the request still succeeds.',
  'remove a response status':
    'regen-diff (breaking) for our TypeScript clients: the status leaves the generated error union, so code comparing `status === 503` stops compiling; oasdiff (non-breaking) is right for untyped clients, where the branch only becomes dead.',
  'remove a property of a closed request schema':
    'regen-diff (breaking): with `additionalProperties: false` the server refuses a body that still carries the property; oasdiff warns without looking at the schema being closed.',
  'tighten a request pattern':
    'both defensible: neither tool proves that one regular expression accepts less than another; regen-diff takes any change as narrowing (a gate errs on the safe side), oasdiff warns.',
  'change a parameter default': `regen-diff (breaking, as ${ISSUE_LEVEL}says): a client that omits the value now gets another behaviour (a page of 50, not 20); oasdiff lists it as information.`,
  'change a request property default': `regen-diff (breaking, as ${ISSUE_LEVEL}says): a product created without \`active\` is now inactive; oasdiff lists it as information.`,
  'remove a webhook payload property': `regen-diff (breaking): ${WEBHOOK}oasdiff only warns, as for a request property.`,
  'add a response enum value': `${ISSUE_LEVEL}makes it a warning (regen-diff): exhaustive switches of typed clients need a new branch, other clients are unaffected; oasdiff rates it an error.`,
  'add a response oneOf alternative': `like an added enum value: a warning (regen-diff) for an exhaustive switch over the alternatives; oasdiff rates it an error.`,
  'deprecate an operation': `${ISSUE_LEVEL}makes deprecations warnings (regen-diff), so a release note asks for a migration; oasdiff lists them as information. Nothing breaks either way.`,
  'deprecate a parameter': `as for an operation: a warning by ${ISSUE_LEVEL}; information for oasdiff.`,
  'deprecate a property': `as for an operation: a warning by ${ISSUE_LEVEL}; information for oasdiff.`,
  'remove a deprecated operation': `${ISSUE_LEVEL}makes a removal after deprecation a warning (regen-diff): clients that did not migrate still break; oasdiff calls it information once deprecated.`,
  'remove a deprecated parameter': `as for an operation: a warning by ${ISSUE_LEVEL}; information for oasdiff.`,
  'make a response property required': `regen-diff (non-breaking): ${WEBHOOK}oasdiff's error is request-property-became-required on the webhook; on the responses it agrees (non-breaking).`,
  'remove a response enum value': `regen-diff (non-breaking): ${WEBHOOK}oasdiff's error is request-property-enum-value-removed on the webhook; on the responses it agrees.`,
  'remove a response oneOf alternative': `regen-diff (non-breaking): ${WEBHOOK}oasdiff's error is request-property-one-of-removed on the webhook; on the responses it agrees.`,
};

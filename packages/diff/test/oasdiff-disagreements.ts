/**
 * Pairs of the corpus that regen-diff and oasdiff 1.39.0 (`oasdiff changelog`) classify at different
 * levels, with which is right and why. The README's agreement table is made from this list and the
 * table test/oasdiff.test.ts writes to bench/results/oasdiff-agreement.md.
 */

const WEBHOOK =
  'oasdiff reads a webhook payload as a request to the receiver (POST webhook:payout.paid) and rates it from the sender’s side; ' +
  'our clients are the receivers, who parse the payload as they parse a response. ';
const ISSUE_LEVEL = 'regen-diff’s rule list (its README, “Rules”) ';
const UNSEEN = (what: string) => `oasdiff 1.39.0 does not compare ${what} (it reports nothing); `;

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
  'remove a callback': `regen-diff (breaking): ${UNSEEN('callbacks')}a client that relied on being called back after creating an order no longer is.`,
  'remove a callback payload property': `regen-diff (breaking): ${UNSEEN('callbacks')}the receiver of the callback parses its payload as a response, as for a webhook.`,
  'rename the discriminator property':
    'regen-diff (breaking): requests that still carry `grant_type` no longer name their alternative for the server, and typed clients switch on a property that is gone; oasdiff lists it as information.',
  'point a discriminator value at another schema':
    'regen-diff (breaking): the same value now means another shape, in both directions; oasdiff lists it as information.',
  'remove a request discriminator value':
    'regen-diff (breaking): a request carrying that value no longer maps to an alternative and is refused; oasdiff lists it as information.',
  'add a response discriminator value': `like an added enum value: a warning (regen-diff) for an exhaustive switch over the discriminator; oasdiff lists it as information (though it rates an added response enum value an error).`,
  'remove an optional response header':
    'regen-diff (warning): the header was optional, so no typed client breaks, but one that acted on it (here `Idempotent-Replayed`) silently loses that signal; oasdiff lists it as information.',
  'remove a response exclusion (not)': `regen-diff (warning): ${UNSEEN('`not` in responses')}a response may now carry a value clients were told it never would (here a delta of 0).`,
  'remove a response link': `regen-diff (warning): ${UNSEEN('links')}clients that follow the link lose the next step; most do not follow links.`,
  'point a response link at another operation': `regen-diff (warning): ${UNSEEN('links')}a client that follows the link calls another operation.`,
};

/**
 * @module Every rule regen-diff applies, with its level. One table, so the levels, the docs and the
 * tests read the same list.
 */

/** How a change affects a client written against the old version. */
export type Level = 'breaking' | 'warning' | 'non-breaking';

/** The rules, keyed by id: the level and what the rule means. */
export const RULES = {
  'operation-removed': { level: 'breaking', title: 'an operation was removed' },
  'parameter-removed': { level: 'breaking', title: 'a request parameter was removed' },
  'request-media-type-removed': { level: 'breaking', title: 'a request media type was removed' },
  'response-status-removed': { level: 'breaking', title: 'a response status was removed' },
  'response-media-type-removed': { level: 'breaking', title: 'a response media type was removed' },
  'request-body-became-required': { level: 'breaking', title: 'the request body became required' },
  'parameter-became-required': { level: 'breaking', title: 'a request parameter became required' },
  'parameter-added-required': { level: 'breaking', title: 'a required request parameter was added' },
  'request-property-became-required': { level: 'breaking', title: 'a request property became required' },
  'request-property-added-required': { level: 'breaking', title: 'a required request property was added' },
  'request-property-removed': {
    level: 'breaking',
    title: 'a property was removed from a closed request schema (additionalProperties: false)',
  },
  'request-type-narrowed': { level: 'breaking', title: 'a request type accepts fewer types' },
  'request-format-narrowed': { level: 'breaking', title: 'a request format was added or changed' },
  'request-pattern-narrowed': { level: 'breaking', title: 'a request pattern was added or changed' },
  'request-enum-narrowed': {
    level: 'breaking',
    title: 'request enum values were removed (or an enum was added)',
  },
  'request-length-narrowed': {
    level: 'breaking',
    title: 'a request length or item-count limit was tightened',
  },
  'request-range-narrowed': { level: 'breaking', title: 'a request numeric range was tightened' },
  'request-variant-removed': {
    level: 'breaking',
    title: 'a oneOf/anyOf alternative of a request was removed',
  },
  'response-property-removed': { level: 'breaking', title: 'a response property was removed' },
  'response-property-became-optional': {
    level: 'breaking',
    title: 'a response property is no longer required',
  },
  'response-property-became-nullable': { level: 'breaking', title: 'a response value can now be null' },
  'response-type-changed': { level: 'breaking', title: 'a response type changed' },
  'security-scope-added': { level: 'breaking', title: 'an operation requires a new security scope' },
  'security-requirement-added': {
    level: 'breaking',
    title: 'an operation that needed no credentials (or accepted another scheme) now needs one',
  },
  'default-changed': { level: 'breaking', title: 'a default value changed' },
  'response-header-removed': { level: 'breaking', title: 'a required response header was removed' },
  'response-header-became-optional': {
    level: 'breaking',
    title: 'a response header is no longer always sent',
  },
  'callback-removed': { level: 'breaking', title: 'a callback the API made to the client was removed' },
  'discriminator-property-changed': {
    level: 'breaking',
    title: 'the property that names a oneOf alternative changed',
  },
  'discriminator-mapping-changed': {
    level: 'breaking',
    title: 'a discriminator value now names another schema',
  },
  'request-discriminator-value-removed': {
    level: 'breaking',
    title: 'a discriminator value a request could carry was removed',
  },
  'request-exclusion-added': {
    level: 'breaking',
    title: 'a request schema gained or changed a `not` (values accepted before may be refused)',
  },
  'response-enum-widened': {
    level: 'warning',
    title: 'response enum values were added (exhaustive switches in typed clients break)',
  },
  'response-variant-added': { level: 'warning', title: 'a oneOf/anyOf alternative was added to a response' },
  'response-discriminator-value-added': {
    level: 'warning',
    title: 'a discriminator value was added to a response (exhaustive switches in typed clients break)',
  },
  'response-optional-header-removed': { level: 'warning', title: 'an optional response header was removed' },
  'response-exclusion-removed': {
    level: 'warning',
    title: 'a response schema lost or changed a `not` (values excluded before may be returned)',
  },
  'link-removed': { level: 'warning', title: 'a response link was removed (clients following it break)' },
  'link-changed': { level: 'warning', title: 'a response link leads elsewhere or passes other values' },
  'operation-deprecated': { level: 'warning', title: 'an operation was deprecated' },
  'parameter-deprecated': { level: 'warning', title: 'a parameter was deprecated' },
  'property-deprecated': { level: 'warning', title: 'a schema property was deprecated' },
  'operation-removed-after-deprecation': { level: 'warning', title: 'a deprecated operation was removed' },
  'parameter-removed-after-deprecation': { level: 'warning', title: 'a deprecated parameter was removed' },
  'operation-added': { level: 'non-breaking', title: 'an operation was added' },
  'parameter-added-optional': { level: 'non-breaking', title: 'an optional request parameter was added' },
  'parameter-became-optional': { level: 'non-breaking', title: 'a request parameter became optional' },
  'request-body-became-optional': { level: 'non-breaking', title: 'the request body became optional' },
  'request-property-added-optional': {
    level: 'non-breaking',
    title: 'an optional request property was added',
  },
  'request-property-became-optional': { level: 'non-breaking', title: 'a request property became optional' },
  'request-media-type-added': { level: 'non-breaking', title: 'a request media type was added' },
  'request-type-widened': { level: 'non-breaking', title: 'a request type accepts more types' },
  'request-enum-widened': { level: 'non-breaking', title: 'request enum values were added' },
  'request-constraint-relaxed': {
    level: 'non-breaking',
    title: 'a request format, pattern, length or range limit was relaxed or removed',
  },
  'request-variant-added': {
    level: 'non-breaking',
    title: 'a oneOf/anyOf alternative was added to a request',
  },
  'response-status-added': { level: 'non-breaking', title: 'a response status was added' },
  'response-media-type-added': { level: 'non-breaking', title: 'a response media type was added' },
  'response-property-added': { level: 'non-breaking', title: 'a response property was added' },
  'response-property-became-required': {
    level: 'non-breaking',
    title: 'a response property became required',
  },
  'response-enum-narrowed': { level: 'non-breaking', title: 'response enum values were removed' },
  'response-variant-removed': {
    level: 'non-breaking',
    title: 'a oneOf/anyOf alternative was removed from a response',
  },
  'security-scope-removed': { level: 'non-breaking', title: 'an operation requires fewer security scopes' },
  'response-header-added': { level: 'non-breaking', title: 'a response header was added' },
  'link-added': { level: 'non-breaking', title: 'a response link was added' },
  'callback-added': { level: 'non-breaking', title: 'a callback was added' },
  'request-discriminator-value-added': {
    level: 'non-breaking',
    title: 'a discriminator value was added to a request',
  },
  'response-discriminator-value-removed': {
    level: 'non-breaking',
    title: 'a discriminator value was removed from a response',
  },
  'response-exclusion-added': {
    level: 'non-breaking',
    title: 'a response schema gained a `not` (it promises more)',
  },
  'description-changed': { level: 'non-breaking', title: 'a summary or description changed' },
  'example-changed': { level: 'non-breaking', title: 'an example changed' },
} as const satisfies Record<string, { level: Level; title: string }>;

/** A rule id (`operation-removed`, `response-enum-widened`, …). */
export type RuleId = keyof typeof RULES;

/** Every rule id, in the table's order (breaking first). */
export const RULE_IDS = Object.keys(RULES) as RuleId[];

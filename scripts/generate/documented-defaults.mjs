/**
 * @module Reads the defaults the contract states machine-readably (openapi/README.md, "Documented
 * defaults"): `x-token-lifetimes` of the `BearerAuth` and `OAuth2` security schemes and the root
 * `x-rate-limit-tiers`. The contract model (./contract-model.mjs) holds what this returns; the
 * contract lint reports {@link documentedDefaultsProblems} so a malformed extension fails before
 * anything is generated from it.
 */

/** The keys each scheme's `x-token-lifetimes` must state (all in seconds), in emitted order. */
export const TOKEN_LIFETIME_KEYS = {
  BearerAuth: ['accessTokenSeconds', 'refreshTokenSeconds', 'refreshReuseLeewaySeconds'],
  OAuth2: ['accessTokenSeconds', 'authorizationCodeSeconds'],
};

/** The keys of one `x-rate-limit-tiers` entry. */
const TIER_KEYS = ['limit', 'windowSeconds'];

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value) => Number.isSafeInteger(value) && value > 0;

/** Problems of an object that must hold exactly `keys`, each a positive integer. */
function countsProblems(value, keys, where) {
  if (!isObject(value)) return [`${where} must be an object with ${keys.join(', ')}`];
  const problems = [];
  for (const key of keys) {
    if (!isCount(value[key])) problems.push(`${where}.${key} must be a positive integer`);
  }
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) problems.push(`${where}.${key} is not a known key (${keys.join(', ')})`);
  }
  return problems;
}

/** Every way the document's documented-defaults extensions are missing or malformed; `[]` when they are right. */
export function documentedDefaultsProblems(doc) {
  const schemes = doc.components?.securitySchemes ?? {};
  const problems = [];
  for (const [scheme, keys] of Object.entries(TOKEN_LIFETIME_KEYS)) {
    const where = `components.securitySchemes.${scheme}.x-token-lifetimes`;
    problems.push(...countsProblems(schemes[scheme]?.['x-token-lifetimes'], keys, where));
  }
  const tiers = doc['x-rate-limit-tiers'];
  if (!isObject(tiers) || Object.keys(tiers).length === 0) {
    problems.push('x-rate-limit-tiers must map each tier name to { limit, windowSeconds }');
  } else {
    for (const [name, tier] of Object.entries(tiers)) {
      if (!/^[a-z][a-zA-Z0-9]*$/.test(name))
        problems.push(`x-rate-limit-tiers.${name}: a tier name must be camelCase (letters and digits)`);
      problems.push(...countsProblems(tier, TIER_KEYS, `x-rate-limit-tiers.${name}`));
    }
  }
  return problems;
}

/** Only `keys` of `value`, in that order (the emitted files list them as the contract model does). */
const pick = (value, keys) => Object.fromEntries(keys.map((key) => [key, value[key]]));

/**
 * The documented defaults of a bundled document. Throws, naming every problem, when an extension
 * is missing or malformed.
 * @returns {import('./contract-model.d.mts').ContractDefaults}
 */
export function documentedDefaultsOf(doc) {
  const problems = documentedDefaultsProblems(doc);
  if (problems.length > 0) throw new Error(`contract: ${problems.join('; ')}`);
  const schemes = doc.components.securitySchemes;
  return {
    bearerTokenLifetimes: pick(schemes.BearerAuth['x-token-lifetimes'], TOKEN_LIFETIME_KEYS.BearerAuth),
    oauthTokenLifetimes: pick(schemes.OAuth2['x-token-lifetimes'], TOKEN_LIFETIME_KEYS.OAuth2),
    rateLimitTiers: Object.fromEntries(
      Object.entries(doc['x-rate-limit-tiers']).map(([name, tier]) => [name, pick(tier, TIER_KEYS)]),
    ),
  };
}

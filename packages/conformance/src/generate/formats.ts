/**
 * @module Arbitraries for string formats. Values are valid for the format (RFC 3339, RFC 5321,
 * RFC 3986) and deliberately tame: reserved example domains (RFC 2606), so a server that
 * delivers webhooks or mail to generated addresses reaches nobody, and dates in the future, so
 * "expires at" fields are not refused for being past.
 */
import fc from 'fast-check';

const label = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);

// Fixed bounds keep generation reproducible (no dependence on the current date).
const FUTURE_MIN = Date.UTC(2030, 0, 1);
const FUTURE_MAX = Date.UTC(2099, 11, 31);

/** RFC 3339 `date-time` in UTC, whole seconds, between 2030 and 2099. */
export const dateTime: fc.Arbitrary<string> = fc
  .integer({ min: FUTURE_MIN / 1000, max: FUTURE_MAX / 1000 })
  .map((s) => new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'));

/** RFC 3339 `full-date`. */
export const date: fc.Arbitrary<string> = dateTime.map((v) => v.slice(0, 10));

/** A simple address at a reserved domain. */
export const email: fc.Arbitrary<string> = fc
  .tuple(fc.stringMatching(/^[a-z0-9]{1,12}(\.[a-z0-9]{1,6})?$/), label)
  .map(([local, host]) => `${local}@${host}.example.com`);

/** An https URL at a reserved domain. */
export const uri: fc.Arbitrary<string> = fc
  .tuple(label, fc.array(label, { maxLength: 3 }))
  .map(([host, segments]) => `https://${host}.example.com/${segments.join('/')}`);

/** Arbitraries by format name; formats not listed fall back to the plain string rules. */
export const formatArbitraries: Readonly<Record<string, fc.Arbitrary<string>>> = {
  'date-time': dateTime,
  date,
  email,
  'idn-email': email,
  uri,
  url: uri,
  iri: uri,
  'uri-reference': uri,
  uuid: fc.uuid(),
  hostname: label.map((h) => `${h}.example.com`),
  ipv4: fc.ipV4(),
  ipv6: fc.ipV6(),
  time: dateTime.map((v) => v.slice(11)),
};
